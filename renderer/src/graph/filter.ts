/**
 * Pure: what Enter in the filter frames: the containers and networks whose
 * names match, and the containers on a matching network (a network's name
 * stands for its members, as it does in what the filter leaves on screen).
 */
import type { Topology } from '../../../common/topology';
import { containerNodeId, networkNodeId } from '../layout/ids';

export function matchingNodeIds(topology: Topology, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const networks = topology.networks.filter((n) => n.name.toLowerCase().includes(needle));
  const networkIds = new Set(networks.map((n) => n.id));
  const containers = topology.containers.filter(
    (c) => c.name.toLowerCase().includes(needle) || c.endpoints.some((e) => networkIds.has(e.networkId)),
  );
  return [...containers.map((c) => containerNodeId(c.id)), ...networks.map((n) => networkNodeId(n.id))];
}
