/**
 * Pure: why nothing can be changed or tested, when that is so: a snapshot is
 * on screen (not an engine), or, comparing, the subject is a ghost of what the
 * snapshot had. Every way of acting asks here (through ./context.ts, and the
 * perform and the drop).
 */
import { endpointWireId } from '../layout/ids';
import type { Subject } from './subject';
import type { ContainerInfo, NetworkInfo } from '../../../common/topology';
import type { DockwireState, View } from '../store/slices';
import type { CompareView } from '../snapshots/compareView';

export const takenAt = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

export function snapshotReason(view: View): string | null {
  if (view.kind !== 'snapshot') return null;
  const { engine, generatedAt } = view.snapshot;
  return `This is a snapshot of ${engine.hostname || engine.endpoint}, taken ${takenAt(generatedAt)}, not the engine: nothing can be changed or tested. ${
    view.served ? 'Run "dockwire serve" without --snapshot to work on an engine.' : 'Go back to live to work on the engine.'
  }`;
}

export function ghostReason(compare: CompareView | null, subject: Subject): string | null {
  if (!compare) return null;
  const { ghosts, wires } = compare.marks;
  switch (subject.kind) {
    case 'container':
      return ghosts.has(subject.container.id) ? `${subject.container.name} was removed since the snapshot: it is drawn as it was.` : null;
    case 'network':
      return ghosts.has(subject.network.id) ? `${subject.network.name} was removed since the snapshot: it is drawn as it was.` : null;
    case 'endpoint':
      return ghosts.has(subject.container.id) || wires.get(endpointWireId(subject.container.id, subject.network.id)) === 'removed'
        ? `${subject.container.name} left ${subject.network.name} since the snapshot: this wire is drawn as it was.`
        : null;
    default:
      return null;
  }
}

export function readOnlyReason(state: Pick<DockwireState, 'view' | 'compare'>, subject: Subject): string | null {
  return snapshotReason(state.view) ?? ghostReason(state.compare, subject);
}

/** Why a drop of this container on this network can do nothing: a snapshot, or a ghost at either end. */
export function dropReadOnly(
  state: Pick<DockwireState, 'view' | 'compare'>,
  container: ContainerInfo,
  network: NetworkInfo,
): string | null {
  return readOnlyReason(state, { kind: 'container', container }) ?? ghostReason(state.compare, { kind: 'network', network });
}
