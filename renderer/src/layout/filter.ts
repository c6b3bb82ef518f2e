/**
 * Pure: the filter box. A query is one or more terms, and all of them must
 * match something about a container (its name, compose service or project,
 * image, state, the networks it is on, its addresses) or about a network (its
 * name, driver, subnets). What is left on screen: the matches, the containers
 * on a matching network, the networks a shown container is on, containers
 * sharing a shown container's namespace, and the bridges a shown container was
 * wired to by hand. Enter frames the matches (a network standing for its members).
 */
import type { ContainerInfo, NetworkInfo, Topology, UnmanagedLink } from '../../../common/topology';
import { COMPOSE_PROJECT, COMPOSE_SERVICE } from './groups';
import { containerNodeId, networkNodeId } from './ids';
import { handWiredInto, topologyIndex } from './topologyIndex';

export const termsOf = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * What the filter looks at in a container, lower-cased; kept per container object while its networks' names and
 * hand-wired links stay the same. A live change shares every unchanged container with the Topology before it
 * (applyPatch), so a host of 1000 containers is not turned into text again for each change.
 */
const factsOf = new WeakMap<ContainerInfo, { networkNames: string[]; wired: UnmanagedLink[]; facts: string[] }>();

function containerFacts(container: ContainerInfo, topology: Topology): string[] {
  const index = topologyIndex(topology);
  const networkNames = container.endpoints.map((e) => index.network(e.networkId)?.name ?? '');
  const wired = handWiredInto(container.id, topology.unmanagedLinks);
  const known = factsOf.get(container);
  if (known && known.wired === wired && known.networkNames.every((name, i) => name === networkNames[i])) return known.facts;
  const facts = [
    container.name,
    container.labels[COMPOSE_SERVICE] ?? '',
    container.labels[COMPOSE_PROJECT] ?? '',
    container.image,
    container.state,
    ...container.endpoints.flatMap((e, i) => [networkNames[i]!, e.ipv4 ?? '', e.ipv6 ?? '']),
    ...wired.flatMap((link) => link.peer?.addresses ?? []),
  ].map((fact) => fact.toLowerCase());
  factsOf.set(container, { networkNames, wired, facts });
  return facts;
}

const networkFacts = (network: NetworkInfo) =>
  [network.name, network.driver, ...network.subnets.map((s) => s.subnet)].map((f) => f.toLowerCase());

const allMatch = (terms: string[], facts: string[]) => terms.every((term) => facts.some((fact) => fact.includes(term)));

/** The containers and networks the query matches in their own right. */
export function matches(topology: Topology, query: string): { containers: ContainerInfo[]; networks: NetworkInfo[] } {
  const terms = termsOf(query);
  if (!terms.length) return { containers: [], networks: [] };
  return {
    containers: topology.containers.filter((c) => allMatch(terms, containerFacts(c, topology))),
    networks: topology.networks.filter((n) => allMatch(terms, networkFacts(n))),
  };
}

/** The last answer: the graph, the layout and the no-match notice each ask it for the same Topology and query. */
let lastVisible: { topology: Topology; query: string; visible: Set<string> } | null = null;

/** Which networks and containers (by id) the query leaves on screen; all of them for an empty query. */
export function visibleIds(topology: Topology, query: string): Set<string> {
  if (lastVisible?.topology !== topology || lastVisible.query !== query)
    lastVisible = { topology, query, visible: computeVisibleIds(topology, query) };
  return lastVisible.visible;
}

function computeVisibleIds(topology: Topology, query: string): Set<string> {
  if (!termsOf(query).length) return new Set([...topology.networks.map((n) => n.id), ...topology.containers.map((c) => c.id)]);
  const matched = matches(topology, query);
  const matchingNetworks = new Set(matched.networks.map((n) => n.id));
  const matchingContainers = new Set(matched.containers.map((c) => c.id));
  const visible = new Set<string>(matchingNetworks);
  for (const container of topology.containers) {
    if (!matchingContainers.has(container.id) && !container.endpoints.some((e) => matchingNetworks.has(e.networkId))) continue;
    visible.add(container.id);
    for (const endpoint of container.endpoints) visible.add(endpoint.networkId);
  }
  for (const container of topology.containers) {
    if (container.netnsOwner && visible.has(container.netnsOwner)) visible.add(container.id);
  }
  for (const link of topology.unmanagedLinks) {
    if (link.peer?.containerId && visible.has(link.peer.containerId) && link.networkId) visible.add(link.networkId);
  }
  return visible;
}

/** What Enter frames: the matching containers and networks, and the containers on a matching network. */
export function matchingNodeIds(topology: Topology, query: string): string[] {
  const matched = matches(topology, query);
  const networkIds = new Set(matched.networks.map((n) => n.id));
  const containers = topology.containers.filter(
    (c) => matched.containers.includes(c) || c.endpoints.some((e) => networkIds.has(e.networkId)),
  );
  return [...containers.map((c) => containerNodeId(c.id)), ...matched.networks.map((n) => networkNodeId(n.id))];
}

/** The part of the Topology the filter leaves on screen, to be laid out on its own (compactly, with no gaps). */
export function filteredTopology(topology: Topology, visible: Set<string>): Topology {
  return {
    ...topology,
    networks: topology.networks.filter((n) => visible.has(n.id)),
    containers: topology.containers.filter((c) => visible.has(c.id)),
    unmanagedLinks: topology.unmanagedLinks.filter((l) => !l.peer?.containerId || visible.has(l.peer.containerId)),
  };
}
