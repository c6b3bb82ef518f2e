/** Pure: which nodes a filter matches in their own right (not what is drawn beside them for context). */
import type { Topology } from '../../../common/topology';
import { containerNodeId, networkNodeId } from '../layout/ids';

export function matchingNodeIds(topology: Topology, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  return [
    ...topology.containers.filter((c) => c.name.toLowerCase().includes(needle)).map((c) => containerNodeId(c.id)),
    ...topology.networks.filter((n) => n.name.toLowerCase().includes(needle)).map((n) => networkNodeId(n.id)),
  ];
}
