/**
 * Finds a container or network of the Topology by what a person types: its
 * name, its full id, or an unambiguous id prefix (as the Docker CLI takes them).
 * A prefix that fits several is named as such, with the candidates, never
 * reported as "not found".
 */
import { DockwireError } from './errors.js';
import type { FieldProblem } from './specs.js';
import type { ContainerInfo, NetworkInfo, Topology } from './topology.js';

type Named = { id: string; name: string };
export type Lookup<T> = { found: T; problem: null } | { found: undefined; problem: string };

const ID_PREFIX = /^[0-9a-f]{2,64}$/;

function lookup<T extends Named>(items: T[], ref: string, kind: 'container' | 'network'): Lookup<T> {
  const exact = items.find((i) => i.name === ref) ?? items.find((i) => i.id === ref);
  if (exact) return { found: exact, problem: null };
  const byPrefix = ID_PREFIX.test(ref) ? items.filter((i) => i.id.startsWith(ref)) : [];
  if (byPrefix.length === 1) return { found: byPrefix[0]!, problem: null };
  if (byPrefix.length > 1) {
    const shown = byPrefix.slice(0, 5).map((i) => `${i.name} (${i.id.slice(0, 12)})`);
    const more = byPrefix.length > 5 ? ` and ${byPrefix.length - 5} more` : '';
    return {
      found: undefined,
      problem: `"${ref}" matches ${byPrefix.length} ${kind}s: ${shown.join(', ')}${more}. Type more of the id, or the name.`,
    };
  }
  return { found: undefined, problem: `No ${kind} "${ref}" on this engine.` };
}

export const lookupContainer = (topology: Topology, ref: string): Lookup<ContainerInfo> => lookup(topology.containers, ref, 'container');
export const lookupNetwork = (topology: Topology, ref: string): Lookup<NetworkInfo> => lookup(topology.networks, ref, 'network');

export const findContainer = (topology: Topology, ref: string): ContainerInfo | undefined => lookupContainer(topology, ref).found;
export const findNetwork = (topology: Topology, ref: string): NetworkInfo | undefined => lookupNetwork(topology, ref).found;

/** The container or network a request names, or an `invalid` error saying why there is none. */
export function mustFind<K extends 'container' | 'network'>(
  kind: K,
  topology: Topology,
  ref: string,
  field: string = kind,
): K extends 'container' ? ContainerInfo : NetworkInfo {
  const result = kind === 'container' ? lookupContainer(topology, ref) : lookupNetwork(topology, ref);
  if (result.problem !== null) throw new DockwireError('invalid', result.problem, { problems: [{ field, message: result.problem }] });
  return result.found as K extends 'container' ? ContainerInfo : NetworkInfo;
}

/** A container and a network by reference, with a problem for each that is not there. */
export function findPair(topology: Topology, containerRef: string, networkRef: string) {
  const container = lookupContainer(topology, containerRef);
  const network = lookupNetwork(topology, networkRef);
  const problems: FieldProblem[] = [
    ...(container.problem !== null ? [{ field: 'container', message: container.problem }] : []),
    ...(network.problem !== null ? [{ field: 'network', message: network.problem }] : []),
  ];
  return { container: container.found, network: network.found, problems };
}
