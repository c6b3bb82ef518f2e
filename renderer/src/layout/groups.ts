/**
 * Pure: how a host falls into groups, the way people run it. Containers of a
 * compose project (label com.docker.compose.project) form one group, the tasks
 * of a swarm service (com.docker.swarm.service.name) another; those
 * started by hand form another ("started by hand", split by their home network
 * on a big host, so no group is a wall of hundreds); one started by hand in
 * another container's namespace joins that container's group. A network belongs to its
 * project's group; an unlabelled one to the group whose containers use it, or,
 * used by several groups, to a group of shared networks. Docker's predefined
 * networks with nothing on them belong to no group: they take no room.
 */
import { swarmServiceOf } from '../../../common/overlay';
import type { ContainerInfo, NetworkInfo, Topology } from '../../../common/topology';
import { topologyIndex } from './topologyIndex';

export const COMPOSE_PROJECT = 'com.docker.compose.project';
export const COMPOSE_SERVICE = 'com.docker.compose.service';
/** Above this many, containers started by hand are grouped per home network. */
export const BY_HAND_SPLIT = 30;

export interface Group {
  /**
   * Stable across updates: `p:<project>`, `s:<service>`, `hand`, `hand:<network id>`, `shared`; with several
   * engines, each prefixed by its host's (`node2|p:shop`): one project on two engines is two groups.
   */
  id: string;
  /** Its engine, when several are followed (Topology.hosts). */
  host?: string;
  title: string;
  /** What tells it apart from its kind, for a tile: the project's or home network's name. */
  name: string;
  kind: 'project' | 'service' | 'hand' | 'shared';
  /** Container ids, in drawing order (a namespace sharer right after its owner). */
  containers: string[];
  /** Network ids, in drawing order (the project's default network first). */
  networks: string[];
}

export const projectOf = (labels: Record<string, string>) => labels[COMPOSE_PROJECT] || null;
export const serviceOf = (container: ContainerInfo) => container.labels[COMPOSE_SERVICE] || null;

/** Predefined networks nobody uses (host, none, an empty default bridge): not drawn unless asked. */
export function isIdlePredefined(network: NetworkInfo, topology: Topology): boolean {
  return network.predefined && topologyIndex(topology).attached(network.id) === 0;
}

/** The network a container is drawn under: the one it was created on where it is still there, else its first. */
export function homeNetworkOf(container: ContainerInfo, topology: Topology): string | null {
  if (container.networkModeKind === 'container' && container.netnsOwner) {
    const owner = topology.containers.find((c) => c.id === container.netnsOwner);
    if (owner && owner !== container) return homeNetworkOf(owner, topology);
  }
  const modeNetwork = topology.networks.find(
    (n) =>
      n.host === container.host && (n.name === container.networkMode || (container.networkModeKind === 'bridge' && n.name === 'bridge')),
  );
  if (modeNetwork && container.endpoints.some((e) => e.networkId === modeNetwork.id)) return modeNetwork.id;
  return container.endpoints[0]?.networkId ?? null;
}

export function groupsOf(topology: Topology): Group[] {
  const byId = new Map<string, Group>();
  const groupOfContainer = new Map<string, string>();
  // The engine of what is being grouped: a group never holds two engines' containers.
  let host: string | undefined;
  const add = (key: string, title: string, kind: Group['kind'], name = title) => {
    const id = host === undefined ? key : `${host}|${key}`;
    if (!byId.has(id)) byId.set(id, { id, title, name, kind, containers: [], networks: [], ...(host === undefined ? {} : { host }) });
    return byId.get(id)!;
  };
  const byHand = topology.containers.filter((c) => !projectOf(c.labels) && !swarmServiceOf(c.labels));
  const byHandOn = new Map<string | undefined, number>();
  for (const container of byHand) byHandOn.set(container.host, (byHandOn.get(container.host) ?? 0) + 1);
  const networkName = (id: string | null) => topology.networks.find((n) => n.id === id)?.name ?? 'no network';

  for (const container of orderedContainers(topology)) {
    host = container.host;
    const splitByHand = (byHandOn.get(host) ?? 0) > BY_HAND_SPLIT;
    const project = projectOf(container.labels);
    const service = swarmServiceOf(container.labels);
    // A sidecar started by hand in a project's container's namespace (a debug shell, say) is drawn beside that container.
    const ownersGroup = container.netnsOwner ? groupOfContainer.get(container.netnsOwner) : undefined;
    let group: Group;
    if (project) group = add(`p:${project}`, project, 'project');
    else if (!service && ownersGroup) group = byId.get(ownersGroup)!;
    else if (service) group = add(`s:${service}`, `service ${service}`, 'service', service);
    else if (!splitByHand) group = add('hand', 'started by hand', 'hand');
    else {
      const home = homeNetworkOf(container, topology);
      group = add(`hand:${home ?? 'none'}`, `by hand · ${networkName(home)}`, 'hand', networkName(home));
    }
    group.containers.push(container.id);
    groupOfContainer.set(container.id, group.id);
  }

  for (const network of topology.networks) {
    if (isIdlePredefined(network, topology)) continue;
    host = network.host;
    // A swarm network seen on several engines belongs to none of them: it is drawn once, across their frames.
    if (network.spans) {
      add('swarm', 'swarm networks across hosts', 'shared', 'across hosts').networks.push(network.id);
      continue;
    }
    const project = projectOf(network.labels);
    if (project) {
      add(`p:${project}`, project, 'project').networks.push(network.id);
      continue;
    }
    const users = new Set(
      topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id)).map((c) => groupOfContainer.get(c.id)!),
    );
    const homes = new Set(
      topology.containers.filter((c) => homeNetworkOf(c, topology) === network.id).map((c) => groupOfContainer.get(c.id)!),
    );
    // Used by one group, or home to one group's containers: it is that group's. Else it is shared.
    const owner = users.size === 1 ? [...users][0]! : homes.size === 1 ? [...homes][0]! : null;
    if (owner) byId.get(owner)!.networks.push(network.id);
    else if (users.size === 0) add('hand', 'started by hand', 'hand').networks.push(network.id);
    else add('shared', 'shared networks', 'shared').networks.push(network.id);
  }

  for (const group of byId.values()) group.networks.sort(byDrawingOrder(topology));
  // By engine (in the order followed), then projects by name, then swarm services, then what was started by
  // hand, then the shared networks.
  const rank = { project: 0, service: 1, hand: 2, shared: 3 };
  const hostRank = (group: Group) => topology.hosts?.findIndex((h) => h.name === group.host) ?? 0;
  return [...byId.values()].sort((a, b) => hostRank(a) - hostRank(b) || rank[a.kind] - rank[b.kind] || a.title.localeCompare(b.title));
}

/** The project's default network first, then the others by name. */
function byDrawingOrder(topology: Topology) {
  const name = (id: string) => topology.networks.find((n) => n.id === id)?.name ?? '';
  const weight = (id: string) => (name(id).endsWith('_default') ? 0 : name(id) === 'bridge' ? 1 : 2);
  return (a: string, b: string) => weight(a) - weight(b) || name(a).localeCompare(name(b));
}

/** Containers by service (or name), with each namespace sharer right after its owner. */
function orderedContainers(topology: Topology): ContainerInfo[] {
  const key = (c: ContainerInfo) => `${projectOf(c.labels) ?? '~'}/${serviceOf(c) ?? c.name}/${c.name}`;
  const owners = [...topology.containers]
    .filter((c) => !c.netnsOwner || !topology.containers.some((o) => o.id === c.netnsOwner))
    .sort((a, b) => key(a).localeCompare(key(b)));
  const result: ContainerInfo[] = [];
  const place = (container: ContainerInfo, depth: number) => {
    result.push(container);
    if (depth > 8) return;
    for (const sharer of topology.containers
      .filter((c) => c.netnsOwner === container.id && c !== container)
      .sort((a, b) => key(a).localeCompare(key(b))))
      place(sharer, depth + 1);
  };
  for (const owner of owners) place(owner, 0);
  return result;
}
