/**
 * Pure: the lookups a picture asks of one Topology many times (a network by id, how many containers are on
 * it, the links wired by hand into a container), built once per Topology object. Topologies are never
 * changed in place (a live change makes a new object, keeping the unchanged items), so an index keyed by
 * the object stays true for as long as the object lives. Before this, each lookup scanned a whole list, and
 * a picture of N containers asked N times: quadratic work on every live change.
 */
import type { ContainerInfo, NetworkInfo, Topology, UnmanagedLink } from '../../../common/topology';

export interface TopologyIndex {
  network(id: string): NetworkInfo | undefined;
  container(id: string): ContainerInfo | undefined;
  /** How many containers have an endpoint on the network. */
  attached(networkId: string): number;
}

const indexes = new WeakMap<Topology, TopologyIndex>();

export function topologyIndex(topology: Topology): TopologyIndex {
  let index = indexes.get(topology);
  if (!index) indexes.set(topology, (index = buildIndex(topology)));
  return index;
}

function buildIndex(topology: Topology): TopologyIndex {
  const networks = new Map(topology.networks.map((n) => [n.id, n]));
  const containers = new Map(topology.containers.map((c) => [c.id, c]));
  const attached = new Map<string, number>();
  for (const container of topology.containers) {
    // A container is counted once per network, however many endpoints it has there.
    for (const networkId of new Set(container.endpoints.map((e) => e.networkId)))
      attached.set(networkId, (attached.get(networkId) ?? 0) + 1);
  }
  return {
    network: (id) => networks.get(id),
    container: (id) => containers.get(id),
    attached: (networkId) => attached.get(networkId) ?? 0,
  };
}

const handWiredIndexes = new WeakMap<UnmanagedLink[], Map<string, UnmanagedLink[]>>();
const NONE: UnmanagedLink[] = [];

/** The veths wired by hand into a container's namespace (their peer is in it), from the host's unmanaged links. */
export function handWiredInto(containerId: string, unmanaged: UnmanagedLink[]): UnmanagedLink[] {
  let byContainer = handWiredIndexes.get(unmanaged);
  if (!byContainer) {
    byContainer = new Map();
    for (const link of unmanaged) {
      const owner = link.kind === 'veth' ? link.peer?.containerId : undefined;
      if (!owner) continue;
      const links = byContainer.get(owner);
      if (links) links.push(link);
      else byContainer.set(owner, [link]);
    }
    handWiredIndexes.set(unmanaged, byContainer);
  }
  return byContainer.get(containerId) ?? NONE;
}
