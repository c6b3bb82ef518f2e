/**
 * The sizes the graph is drawn at. Nodes get these as fixed sizes, so the
 * layout can place them before they render and nothing overlaps.
 */
import { formatPort } from '../../../../common/format';
import type { ContainerInfo, NetworkInfo, UnmanagedLink } from '../../../../common/topology';

export const COLUMN_WIDTH = 600;
/** Room left of a column's containers for the endpoint labels on the edges. */
export const LABEL_ZONE = 230;
export const CONTAINER_WIDTH = 280;
export const NETWORK_WIDTH = 320;
export const ROW_GAP = 28;
export const TRUNK_OFFSET = 24;

export const CONTAINER_HEADER = 58;
export const ENDPOINT_ROW = 48;
export const INFO_ROW = 24;
export const NODE_PADDING = 10;

/**
 * Which rows a container node shows, in order: Docker's endpoints, then links
 * wired by hand into its namespace (both carry a handle for their wire), then
 * information lines.
 */
export function containerRows(container: ContainerInfo, unmanaged: UnmanagedLink[]) {
  const endpoints = container.networkModeKind === 'none' || container.networkModeKind === 'container' ? [] : container.endpoints;
  const handWired = unmanaged.filter((link) => link.kind === 'veth' && link.peer?.containerId === container.id);
  const info =
    container.networkModeKind === 'none' && handWired.length === 0
      ? ['isolated: only lo']
      : container.networkModeKind === 'container'
        ? ['shares another container’s network namespace']
        : [];
  return { endpoints, handWired, info: [...info, ...container.ports.map((port) => `published ${formatPort(port)}`)] };
}

export function containerHeight(container: ContainerInfo, unmanaged: UnmanagedLink[]): number {
  const rows = containerRows(container, unmanaged);
  return CONTAINER_HEADER + (rows.endpoints.length + rows.handWired.length) * ENDPOINT_ROW + rows.info.length * INFO_ROW + NODE_PADDING;
}

/** The y of an endpoint row's handle, relative to the node's top. */
export function endpointHandleY(index: number): number {
  return CONTAINER_HEADER + index * ENDPOINT_ROW + ENDPOINT_ROW / 2;
}

export function networkHeight(network: NetworkInfo): number {
  return 116 + 20 * Math.max(1, network.subnets.length);
}
