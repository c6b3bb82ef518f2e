/**
 * Pure: Topology + positions + filter + selection -> React Flow nodes and edges.
 * Nodes without a position yet are left out until the layout worker places them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology, UnmanagedLink } from '../../../common/topology';
import type { Selection } from '../store/slices';
import { CONTAINER_WIDTH, NETWORK_WIDTH, containerHeight, containerRows, networkHeight } from './layout/geometry';
import { containerNodeId, networkNodeId, type Point } from './layout/placeNodes';
import { endpointLabel, handWiredLabel } from './wireLabel';

export type Side = 'left' | 'right';

export type NetworkNodeData = { network: NetworkInfo; attached: number; role: 'network' | 'host' | 'none'; unmanaged: number };
export type ContainerNodeData = {
  container: ContainerInfo;
  endpoints: EndpointInfo[];
  handWired: UnmanagedLink[];
  info: string[];
  /** Which side each wire enters from, by handle key (network id, or `hw-<ifindex>`). */
  sides: Record<string, Side>;
};
/** A wire from a network's trunk to a container row: a Docker endpoint or a hand-made link. */
export type WireEdgeData = {
  containerName: string;
  networkName: string;
  side: Side;
  look: 'docker' | 'stopped' | 'hand';
  lines: string[];
  selection: Selection;
  /** On the path of the last connectivity test: passed or failed. */
  path?: 'ok' | 'fail';
};

export type NetworkNode = Node<NetworkNodeData, 'network'>;
export type ContainerNode = Node<ContainerNodeData, 'container'>;
export type GraphNode = NetworkNode | ContainerNode;
export type WireEdge = Edge<WireEdgeData, 'wire'>;

export const endpointEdgeId = (containerId: string, networkId: string) => `ep:${containerId}:${networkId}`;
export const handWiredKey = (link: UnmanagedLink) => `hw-${link.ifindex}`;

export function buildGraph(
  topology: Topology,
  positions: Record<string, Point>,
  query: string,
  selection: Selection | null,
  highlight: { edgeIds: Set<string>; ok: boolean } | null = null,
): { nodes: GraphNode[]; edges: Edge[] } {
  const visible = visibleIds(topology, query);
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  const networkById = new Map(topology.networks.map((n) => [n.id, n]));

  for (const network of topology.networks) {
    const id = networkNodeId(network.id);
    const position = positions[id];
    if (!position) continue;
    const role = network.driver === 'host' ? 'host' : network.driver === 'null' ? 'none' : 'network';
    nodes.push({
      id,
      type: 'network',
      position,
      width: NETWORK_WIDTH,
      height: networkHeight(network),
      hidden: !visible.has(network.id),
      selected: selection?.kind === 'network' && selection.id === network.id,
      data: {
        network,
        attached: topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id)).length,
        role,
        unmanaged: role === 'host' ? topology.unmanagedLinks.filter((l) => !l.peer?.containerId || !l.networkId).length : 0,
      },
    });
  }

  for (const container of topology.containers) {
    const id = containerNodeId(container.id);
    const position = positions[id];
    if (!position) continue;
    const rows = containerRows(container, topology.unmanagedLinks);
    const sides: Record<string, Side> = {};
    const sideOf = (networkId: string): Side | null => {
      const networkPosition = positions[networkNodeId(networkId)];
      if (!networkPosition) return null;
      return networkPosition.x + NETWORK_WIDTH / 2 > position.x + CONTAINER_WIDTH ? 'right' : 'left';
    };
    for (const endpoint of rows.endpoints) {
      const side = sideOf(endpoint.networkId);
      if (!side) continue;
      sides[endpoint.networkId] = side;
      const wireSelection: Selection = { kind: 'endpoint', containerId: container.id, networkId: endpoint.networkId };
      edges.push({
        id: endpointEdgeId(container.id, endpoint.networkId),
        type: 'wire',
        source: networkNodeId(endpoint.networkId),
        sourceHandle: 'trunk',
        target: id,
        targetHandle: `ep-${endpoint.networkId}-${side}`,
        selected: sameSelection(selection, wireSelection),
        data: {
          containerName: container.name,
          networkName: endpoint.networkName,
          side,
          look: endpoint.endpointId ? 'docker' : 'stopped',
          lines: endpointLabel(container, endpoint),
          selection: wireSelection,
          ...(highlight?.edgeIds.has(endpointEdgeId(container.id, endpoint.networkId))
            ? { path: highlight.ok ? ('ok' as const) : ('fail' as const) }
            : {}),
        },
      } satisfies WireEdge);
    }
    for (const link of rows.handWired) {
      const network = link.networkId ? networkById.get(link.networkId) : undefined;
      const side = network ? sideOf(network.id) : null;
      if (!network || !side) continue;
      const key = handWiredKey(link);
      sides[key] = side;
      const wireSelection: Selection = { kind: 'link', ifindex: link.ifindex };
      edges.push({
        id: `hw:${container.id}:${link.ifindex}`,
        type: 'wire',
        source: networkNodeId(network.id),
        sourceHandle: 'trunk',
        target: id,
        targetHandle: `${key}-${side}`,
        selected: sameSelection(selection, wireSelection),
        data: {
          containerName: container.name,
          networkName: network.name,
          side,
          look: 'hand',
          lines: handWiredLabel(link),
          selection: wireSelection,
        },
      } satisfies WireEdge);
    }
    if (container.netnsOwner && positions[containerNodeId(container.netnsOwner)]) {
      edges.push({
        id: `ns:${container.id}`,
        type: 'smoothstep',
        source: containerNodeId(container.netnsOwner),
        sourceHandle: 'netns-out',
        target: id,
        targetHandle: 'netns-in',
        label: 'shares network namespace',
        className: 'netns-edge',
        data: {},
      });
    }
    nodes.push({
      id,
      type: 'container',
      position,
      width: CONTAINER_WIDTH,
      height: containerHeight(container, topology.unmanagedLinks),
      hidden: !visible.has(container.id),
      selected: selection?.kind === 'container' && selection.id === container.id,
      data: { container, endpoints: rows.endpoints, handWired: rows.handWired, info: rows.info, sides },
    });
  }
  return { nodes, edges };
}

function sameSelection(a: Selection | null, b: Selection): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Which networks and containers a search leaves on screen: the matches, the
 * containers on a matching network, the networks a shown container is on, and
 * the containers sharing a shown container's namespace, and the bridges a shown
 * container was wired to by hand.
 */
export function visibleIds(topology: Topology, query: string): Set<string> {
  const needle = query.trim().toLowerCase();
  const all = [...topology.networks.map((n) => n.id), ...topology.containers.map((c) => c.id)];
  if (!needle) return new Set(all);
  const matchingNetworks = new Set(topology.networks.filter((n) => n.name.toLowerCase().includes(needle)).map((n) => n.id));
  const visible = new Set<string>(matchingNetworks);
  for (const container of topology.containers) {
    const matches = container.name.toLowerCase().includes(needle) || container.endpoints.some((e) => matchingNetworks.has(e.networkId));
    if (!matches) continue;
    visible.add(container.id);
    for (const endpoint of container.endpoints) visible.add(endpoint.networkId);
  }
  // A container that shares a shown container's namespace is part of what is shown.
  for (const container of topology.containers) {
    if (container.netnsOwner && visible.has(container.netnsOwner)) visible.add(container.id);
  }
  // So is the bridge a shown container was wired to by hand.
  for (const link of topology.unmanagedLinks) {
    if (link.peer?.containerId && visible.has(link.peer.containerId) && link.networkId) visible.add(link.networkId);
  }
  return visible;
}
