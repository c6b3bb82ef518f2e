/** Pure: what changed since the snapshot about what is selected, as the diff's lines, for the inspector. */
import type { Topology } from '../../../common/topology';
import { line, type CompareView } from '../snapshots/compareView';
import type { Selection } from '../store/slices';

/** The diff's lines about what is selected: a container or network (its mark's lines), or a wire (its container's lines about that network). */
export function sinceSnapshot(view: CompareView, topology: Topology, selection: Selection): string[] {
  if (selection.kind === 'container' || selection.kind === 'network') return view.marks.things.get(selection.id)?.lines ?? [];
  if (selection.kind !== 'endpoint') return [];
  const container = topology.containers.find((c) => c.id === selection.containerId);
  const network = topology.networks.find((n) => n.id === selection.networkId);
  return view.diff.changes
    .filter((c) => c.kind === 'endpoint' && c.container?.name === container?.name && c.network?.name === network?.name)
    .map(line);
}
