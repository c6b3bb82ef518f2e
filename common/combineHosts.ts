/**
 * Several engines in one picture: their Topologies joined into one, every container, network and link
 * tagged with the engine it is on (`host`), and each engine's state in `hosts`. Pure.
 *
 * Docker's ids are 64 random hex digits, so containers and networks of different engines never share
 * one; the one exception is a swarm's overlay network, which has the same id on every node that uses it:
 * it is listed once, as the first engine reports it, with the engines it spans (`spans`) in place of one
 * engine, so it is drawn once, across them, and each engine's own end of its tunnels (`overlay.nodes`).
 */
import { SCHEMA_VERSION, type EngineInfo, type HostState, type OverlayNodePart, type Topology } from './topology.js';

export interface HostInput {
  state: HostState;
  /** Its latest Topology, or null before its first (or when it never answered). */
  topology: Topology | null;
}

const NO_ENGINE = (endpoint: string): EngineInfo => ({
  endpoint,
  version: '',
  apiVersion: '',
  hostname: '',
  os: '',
  arch: '',
  swarm: false,
});

export function combineHosts(inputs: HostInput[], version: number): Topology {
  const read = inputs.filter((input): input is HostInput & { topology: Topology } => input.topology !== null);
  const first = read[0]?.topology;
  const networkAt = new Map<string, number>();
  const serviceIds = new Set<string>();
  const combined: Topology = {
    schemaVersion: SCHEMA_VERSION,
    version,
    generatedAt:
      read
        .map((input) => input.topology.generatedAt)
        .sort()
        .at(-1) ?? new Date(0).toISOString(),
    engine: first?.engine ?? NO_ENGINE(inputs[0]?.state.endpoint ?? ''),
    helper: first?.helper ?? { mode: 'off', reason: 'no engine has answered yet' },
    networks: [],
    containers: [],
    unmanagedLinks: [],
    services: [],
    swarmNodes: [],
    hosts: inputs.map((input) => input.state),
  };
  const nodeIds = new Set<string>();
  for (const { state, topology } of read) {
    const host = state.name;
    for (const network of topology.networks) {
      const seen = networkAt.get(network.id);
      if (seen === undefined) {
        networkAt.set(network.id, combined.networks.length);
        combined.networks.push({ ...network, host });
        continue;
      }
      const first = combined.networks[seen]!;
      const { host: firstHost, ...rest } = first;
      const overlay = first.overlay && {
        ...first.overlay,
        nodes: [...(first.overlay.nodes ?? [overlayPart(firstHost!, read, network.id)]), overlayPart(host, read, network.id)],
      };
      combined.networks[seen] = { ...rest, overlay, spans: [...(first.spans ?? [firstHost!]), host] };
    }
    for (const container of topology.containers) combined.containers.push({ ...container, host });
    for (const link of topology.unmanagedLinks) combined.unmanagedLinks.push({ ...link, host });
    // A swarm's services and nodes, as each of its managers reports them: once.
    for (const service of topology.services) {
      if (serviceIds.has(service.id)) continue;
      serviceIds.add(service.id);
      combined.services.push(service);
    }
    for (const node of topology.swarmNodes) {
      if (nodeIds.has(node.id)) continue;
      nodeIds.add(node.id);
      combined.swarmNodes.push(node);
    }
  }
  return combined;
}

/** One engine's end of a swarm network's VXLAN tunnels, as that engine and its kernel have it. */
function overlayPart(host: string, read: Array<{ state: HostState; topology: Topology }>, networkId: string): OverlayNodePart {
  const own = read.find((input) => input.state.name === host)!;
  const overlay = own.topology.networks.find((network) => network.id === networkId)?.overlay ?? null;
  return {
    host,
    address: own.topology.engine.swarmAddress ?? null,
    peers: overlay?.peers.map((peer) => peer.ip) ?? [],
    underlay: own.topology.engine.swarmInterface ?? null,
    namespace: overlay?.namespace ?? null,
  };
}

/**
 * One engine's part of a joined Topology: what a form for that engine checks against (a name taken there, a
 * subnet in use there) and offers (its networks, its running containers). A Topology of one engine is its own.
 */
export function hostPart(topology: Topology, host: string | undefined): Topology {
  if (!topology.hosts || host === undefined) return topology;
  const state = topology.hosts.find((h) => h.name === host);
  return {
    ...topology,
    engine: state?.engine ?? topology.engine,
    helper: state?.helper ?? topology.helper,
    networks: topology.networks.filter((n) => n.host === host),
    containers: topology.containers.filter((c) => c.host === host),
    unmanagedLinks: topology.unmanagedLinks.filter((l) => l.host === host),
  };
}
