/** Finds a container or network of the Topology by what a person types: name, full id or id prefix. */
import type { FieldProblem } from './specs.js';
import type { ContainerInfo, NetworkInfo, Topology } from './topology.js';

function byRef<T extends { id: string; name: string }>(items: T[], ref: string): T | undefined {
  return items.find((i) => i.name === ref) ?? items.find((i) => i.id === ref) ?? (ref.length >= 4 ? items.find((i) => i.id.startsWith(ref)) : undefined);
}

export const findContainer = (topology: Topology, ref: string): ContainerInfo | undefined => byRef(topology.containers, ref);
export const findNetwork = (topology: Topology, ref: string): NetworkInfo | undefined => byRef(topology.networks, ref);

/** A container and a network by reference, with a problem for each that is not there. */
export function findPair(topology: Topology, containerRef: string, networkRef: string) {
  const container = findContainer(topology, containerRef);
  const network = findNetwork(topology, networkRef);
  const problems: FieldProblem[] = [
    ...(container ? [] : [{ field: 'container', message: `No container "${containerRef}" on this engine.` }]),
    ...(network ? [] : [{ field: 'network', message: `No network "${networkRef}" on this engine.` }]),
  ];
  return { container, network, problems };
}
