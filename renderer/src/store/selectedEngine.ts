/**
 * With several engines followed: the engine of what is selected (a container, a network, an endpoint), for
 * what acts on an engine rather than on an object (the firewall, a test from the host, a new network's
 * default). Undefined with one engine, or when nothing of an engine is selected.
 */
import type { Topology } from '../../../common/topology';
import type { Selection } from './slices';

export function engineOfSelection(topology: Topology | null, selection: Selection | null): string | undefined {
  if (!topology?.hosts || !selection) return undefined;
  if (selection.kind === 'link') return undefined;
  const id = selection.kind === 'endpoint' ? selection.containerId : selection.id;
  return topology.containers.find((c) => c.id === id)?.host ?? topology.networks.find((n) => n.id === id)?.host;
}

/** `{ engine }` for a call's params, or nothing with one engine. */
export const onEngine = (engine: string | undefined) => (engine === undefined ? {} : { engine });
