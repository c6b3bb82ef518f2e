/**
 * Pure: Topology + positions + filter + selection -> React Flow nodes and edges.
 * Nodes without a position yet are left out until the layout worker places them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology } from '../../../common/topology';
import type { Selection } from '../store/slices';
import { CONTAINER_WIDTH, NETWORK_WIDTH, containerHeight, containerRows, networkHeight } from './layout/geometry';
import { containerNodeId, networkNodeId, type Point } from './layout/placeNodes';

export type Side = 'left' | 'right';

export type NetworkNodeData = { network: NetworkInfo; attached: number; role: 'network' | 'host' | 'none' };
export type ContainerNodeData = {
  container: ContainerInfo;
  endpoints: EndpointInfo[];
  info: string[];
  /** Which side each endpoint's edge enters from, by network id. */
  sides: Record<string, Side>;
};
export type EndpointEdgeData = { container: ContainerInfo; endpoint: EndpointInfo; side: Side; attached: boolean };

export type NetworkNode = Node<NetworkNodeData, 'network'>;
export type ContainerNode = Node<ContainerNodeData, 'container'>;
export type GraphNode = NetworkNode | ContainerNode;
export type EndpointEdge = Edge<EndpointEdgeData, 'endpoint'>;

export const endpointEdgeId = (containerId: string, networkId: string) => `ep:${containerId}:${networkId}`;

export function buildGraph(
  topology: Topology,
  positions: Record<string, Point>,
  query: string,
  selection: Selection | null,
): { nodes: GraphNode[]; edges: Edge[] } {
  const visible = visibleIds(topology, query);
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];

  for (const network of topology.networks) {
    const id = networkNodeId(network.id);
    const position = positions[id];
    if (!position) continue;
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
        role: network.driver === 'host' ? 'host' : network.driver === 'null' ? 'none' : 'network',
      },
    });
  }

  for (const container of topology.containers) {
    const id = containerNodeId(container.id);
    const position = positions[id];
    if (!position) continue;
    const rows = containerRows(container);
    const sides: Record<string, Side> = {};
    for (const endpoint of rows.endpoints) {
      const networkPosition = positions[networkNodeId(endpoint.networkId)];
      if (!networkPosition) continue;
      const side: Side = networkPosition.x + NETWORK_WIDTH / 2 > position.x + CONTAINER_WIDTH ? 'right' : 'left';
      sides[endpoint.networkId] = side;
      edges.push({
        id: endpointEdgeId(container.id, endpoint.networkId),
        type: 'endpoint',
        source: networkNodeId(endpoint.networkId),
        sourceHandle: 'trunk',
        target: id,
        targetHandle: `ep-${endpoint.networkId}-${side}`,
        selected: selection?.kind === 'endpoint' && selection.containerId === container.id && selection.networkId === endpoint.networkId,
        data: { container, endpoint, side, attached: Boolean(endpoint.endpointId) },
      } satisfies EndpointEdge);
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
      height: containerHeight(container),
      hidden: !visible.has(container.id),
      selected: selection?.kind === 'container' && selection.id === container.id,
      data: { container, endpoints: rows.endpoints, info: rows.info, sides },
    });
  }
  return { nodes, edges };
}

/**
 * Which networks and containers a search leaves on screen: the matches, the
 * containers on a matching network, the networks a shown container is on, and
 * the containers sharing a shown container's namespace.
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
  return visible;
}
