/**
 * The sizes the graph is drawn at. Nodes get these as fixed sizes, so the
 * layout can place them before they render and nothing overlaps.
 */
import { formatPort } from '../../../../common/format';
import type { ContainerInfo, NetworkInfo } from '../../../../common/topology';

export const COLUMN_WIDTH = 600;
/** Room left of a column's containers for the endpoint labels on the edges. */
export const LABEL_ZONE = 230;
export const CONTAINER_WIDTH = 280;
export const NETWORK_WIDTH = 320;
export const ROW_GAP = 28;
export const TRUNK_OFFSET = 24;

export const CONTAINER_HEADER = 58;
export const ENDPOINT_ROW = 44;
export const INFO_ROW = 24;
export const NODE_PADDING = 10;

/** Which rows a container node shows, in order; each endpoint row carries a handle. */
export function containerRows(container: ContainerInfo) {
  const endpoints = container.networkModeKind === 'none' || container.networkModeKind === 'container' ? [] : container.endpoints;
  const info =
    container.networkModeKind === 'none'
      ? ['isolated: only lo']
      : container.networkModeKind === 'container'
        ? ['shares another container’s network namespace']
        : [];
  return { endpoints, info: [...info, ...container.ports.map((port) => `published ${formatPort(port)}`)] };
}

export function containerHeight(container: ContainerInfo): number {
  const rows = containerRows(container);
  return CONTAINER_HEADER + rows.endpoints.length * ENDPOINT_ROW + rows.info.length * INFO_ROW + NODE_PADDING;
}

/** The y of an endpoint row's handle, relative to the node's top. */
export function endpointHandleY(index: number): number {
  return CONTAINER_HEADER + index * ENDPOINT_ROW + ENDPOINT_ROW / 2;
}

export function networkHeight(network: NetworkInfo): number {
  return 116 + 20 * Math.max(1, network.subnets.length);
}
