/**
 * Pure, incremental layout: nodes that already have a position keep it; new
 * ones are placed without moving anything. Each network heads a column; a
 * container goes to the bottom of its home network's column (host-mode under
 * the host, none-mode under none, a namespace sharer under its owner's column),
 * indented to leave room for the edge labels. Runs in a worker.
 */
import type { ContainerInfo, Topology } from '../../../../common/topology';
import { COLUMN_WIDTH, ENDPOINT_ROW, LABEL_ZONE, ROW_GAP, containerHeight, networkHeight } from './geometry';

export interface Point {
  x: number;
  y: number;
}

export const networkNodeId = (id: string) => `net:${id}`;
export const containerNodeId = (id: string) => `ctr:${id}`;

export function placeNodes(topology: Topology, known: Record<string, Point>): Record<string, Point> {
  const placed: Record<string, Point> = {};
  const positionOf = (id: string) => placed[id] ?? known[id];
  const heights = new Map<string, number>();
  for (const network of topology.networks) heights.set(networkNodeId(network.id), networkHeight(network));
  for (const container of topology.containers)
    heights.set(containerNodeId(container.id), containerHeight(container, topology.unmanagedLinks));

  let rightmost = -COLUMN_WIDTH;
  for (const network of topology.networks) {
    const position = known[networkNodeId(network.id)];
    if (position) rightmost = Math.max(rightmost, position.x);
  }
  for (const network of topology.networks) {
    const id = networkNodeId(network.id);
    if (known[id]) continue;
    rightmost += COLUMN_WIDTH;
    placed[id] = { x: rightmost, y: 0 };
  }

  const ordered = [...topology.containers].sort((a, b) => Number(Boolean(a.netnsOwner)) - Number(Boolean(b.netnsOwner)));
  for (const container of ordered) {
    const id = containerNodeId(container.id);
    if (known[id]) continue;
    const home = positionOf(networkNodeId(homeNetworkId(container, topology))) ?? { x: 0, y: 0 };
    const columnX = home.x;
    let bottom = home.y + (heights.get(networkNodeId(homeNetworkId(container, topology))) ?? 120) + ROW_GAP * 2;
    for (const [nodeId, height] of heights) {
      const position = positionOf(nodeId);
      if (!position || nodeId.startsWith('net:')) continue;
      // One row of headroom under each container: it can join one more network
      // live without growing into the next one (nothing is moved to make room).
      if (position.x >= columnX && position.x < columnX + COLUMN_WIDTH)
        bottom = Math.max(bottom, position.y + height + ROW_GAP + ENDPOINT_ROW);
    }
    placed[id] = { x: columnX + LABEL_ZONE, y: bottom };
  }
  return placed;
}

/** The network whose column a container lives in. */
export function homeNetworkId(container: ContainerInfo, topology: Topology): string {
  const byName = (name: string) => topology.networks.find((n) => n.name === name)?.id;
  if (container.networkModeKind === 'container' && container.netnsOwner) {
    const owner = topology.containers.find((c) => c.id === container.netnsOwner);
    if (owner && owner !== container) return homeNetworkId(owner, topology);
  }
  if (container.networkModeKind === 'host') return byName('host') ?? '';
  if (container.networkModeKind === 'none') return byName('none') ?? '';
  const modeNetwork = topology.networks.find((n) => n.name === container.networkMode);
  if (modeNetwork && container.endpoints.some((e) => e.networkId === modeNetwork.id)) return modeNetwork.id;
  return container.endpoints[0]?.networkId ?? byName('bridge') ?? '';
}
