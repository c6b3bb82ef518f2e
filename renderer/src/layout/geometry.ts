/**
 * The sizes the graph is drawn at. Nodes get these as fixed sizes, so the
 * layout can place them before they render and nothing overlaps.
 */
import { formatPort, loopbackOnlyWarning } from '../../../common/format';
import type { ContainerInfo, PortInfo, UnmanagedLink } from '../../../common/topology';
import { handWiredInto } from './topologyIndex';

export const CARD_WIDTH = 260;
export const CARD_HEADER = 50;
/** One network row on a card: its name and address, and (zoomed in) the veth pair and MAC under them. */
export const ENDPOINT_ROW = 34;
export const INFO_ROW = 20;
export const CARD_PADDING = 8;

export const BUS_HEIGHT = 44;
/** Room between a bus and the cards under it, for the wires' lanes. */
export const BUS_GAP = 30;
export const ROW_GAP = 22;
/** Room left of each card for the wires' lanes (one lane per row of the card). */
export const COLUMN_GAP = 48;
export const LANE_STEP = 7;
export const FRAME_HEADER = 40;
export const FRAME_PADDING = 20;
export const FRAME_GAP = 48;
/** Room kept under each row of frames, so a frame can grow by a network or a row of cards live without covering the next. */
export const FRAME_HEADROOM = 110;

/** With several engines, each engine's frames sit inside a host frame: its padding, its title band, the gap between two. */
export const HOST_PADDING = 32;
export const HOST_HEADER = 96;
export const HOST_GAP = 120;
/** A host frame with nothing in it yet (an engine that has not answered). */
export const HOST_EMPTY_WIDTH = 620;
export const HOST_EMPTY_HEIGHT = 240;

/** A swarm network's VXLAN tunnels, under the host frames: its title, each node's end, the tunnels' U-turns beneath. */
export const MESH_GAP = 60;
export const MESH_TITLE = 44;
export const MESH_END_WIDTH = 340;
export const MESH_END_HEIGHT = 118;
/** How far under the ends a tunnel between neighbours turns; one spanning k nodes turns (k - 1) steps deeper. */
export const MESH_TURN = 40;
export const MESH_TURN_STEP = 44;
export const meshHeight = (ends: number) => MESH_TITLE + MESH_END_HEIGHT + MESH_TURN + MESH_TURN_STEP * Math.max(0, ends - 2) + 36;

/** Names are readable from this many pixels on screen. */
export const MIN_READABLE_PX = 9;
/** A container's or network's name when zoomed far out (drawn alone, large). */
export const FAR_NAME_PX = 28;

/** A collapsed group: one tile. */
export const TILE_WIDTH = 300;
export const TILE_HEIGHT = 112;

/**
 * Which rows a container card shows, in order: Docker's endpoints, then links
 * wired by hand into its namespace (both carry a wire), then information lines.
 * ownerName: for a container in another's namespace, whose (said on the card, short enough to fit).
 */
export function containerRows(container: ContainerInfo, unmanaged: UnmanagedLink[], ownerName?: string) {
  const endpoints = container.networkModeKind === 'none' || container.networkModeKind === 'container' ? [] : container.endpoints;
  const handWired = handWiredInto(container.id, unmanaged);
  const info =
    container.networkModeKind === 'none' && handWired.length === 0
      ? ['isolated: only lo']
      : container.networkModeKind === 'container'
        ? [ownerName ? `in ${ownerName}’s network namespace` : 'in another container’s namespace']
        : [];
  return {
    endpoints,
    handWired,
    info: [...info, ...container.ports.map((port) => publishedLine(container, port))],
  };
}

export function containerHeight(container: ContainerInfo, unmanaged: UnmanagedLink[]): number {
  const rows = containerRows(container, unmanaged);
  return CARD_HEADER + (rows.endpoints.length + rows.handWired.length) * ENDPOINT_ROW + rows.info.length * INFO_ROW + CARD_PADDING;
}

/** The y of a row's wire on the card, relative to the card's top. */
export function rowHandleY(index: number): number {
  return CARD_HEADER + index * ENDPOINT_ROW + 12;
}

/** A published port's line on the card; the warning first, where a narrow card would cut it off at the end. */
function publishedLine(container: ContainerInfo, port: PortInfo): string {
  const warning = loopbackOnlyWarning(container, port);
  return warning ? `⚠ published ${formatPort(port)}:${warning.replace(' ⚠', '')}` : `published ${formatPort(port)}`;
}
