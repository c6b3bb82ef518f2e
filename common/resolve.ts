/** Finds a container or network of the Topology by what a person types: name, full id or id prefix. */
import type { ContainerInfo, NetworkInfo, Topology } from './topology.js';

function byRef<T extends { id: string; name: string }>(items: T[], ref: string): T | undefined {
  return items.find((i) => i.name === ref) ?? items.find((i) => i.id === ref) ?? (ref.length >= 4 ? items.find((i) => i.id.startsWith(ref)) : undefined);
}

export const findContainer = (topology: Topology, ref: string): ContainerInfo | undefined => byRef(topology.containers, ref);
export const findNetwork = (topology: Topology, ref: string): NetworkInfo | undefined => byRef(topology.networks, ref);
