/**
 * A trace: a test's packets followed hop by hop, and, where they stop, why (from the kernel, never guessed: the
 * firewall rule whose counter rose, a chain's policy, no route, no ARP answer, a frame too big). The types that
 * cross the contract, and the plan of the hops a packet should cross (pure, from the Topology).
 */
import { effectiveEndpoints, sharedNetworks } from './diagnose.js';
import { parseIPv4 } from './ipv4.js';
import { findContainer } from './resolve.js';
import type { OnEngine } from './specs.js';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology } from './topology.js';

export type TraceProto = 'icmp' | 'tcp' | 'udp';

export interface TraceSpec extends OnEngine {
  /** A container's name or id, or "host" (the engine host itself). */
  from: string;
  /** A container's name or id, or an IPv4 address. */
  target: string;
  /** TCP or UDP port; with no port the trace is ICMP echo. */
  port?: number;
  proto?: TraceProto;
  /** ICMP payload size, to see whether a frame that big crosses the path. */
  size?: number;
}

export type HopRole = 'source' | 'source-veth' | 'bridge-in' | 'bridge-out' | 'target-veth' | 'target';

/** One hop the packets should cross: an interface, in a container's namespace or the host's. */
export interface PlannedHop {
  role: HopRole;
  /** In words: "web eth0", "veth1a2b3c4 (web's host end)", "br-1a2b3c4d5e6f (shop_default's bridge)". */
  label: string;
  ifname: string;
  /** The bridge this hop is on, or is (for a host end of a veth: its master); null inside a container. */
  bridge: string | null;
  /** The container whose namespace holds it; null for the host's. */
  containerId: string | null;
  /** The wire on the graph this hop is part of (an endpoint's network, or a hand-made link's host end). */
  wire: { containerId: string; networkId: string } | { containerId: string; linkIfindex: number } | null;
}

export interface TracePlan {
  from: ContainerInfo | null;
  target: ContainerInfo | null;
  address: string;
  proto: TraceProto;
  port: number | null;
  /** From the host to a published port: the container's own port it is published from (the DNAT's target). */
  containerPort: number | null;
  hops: PlannedHop[];
  /** The networks (and bridges) the path crosses, for the firewall's words. */
  bridges: Map<string, string>;
}

export interface TraceHopReport extends PlannedHop {
  /** Whether the probe's request, and its answer, were seen here; null when the hop could not be watched. */
  request: boolean | null;
  reply: boolean | null;
  error: string | null;
  /** The first request seen here: its addresses show a rewrite (a DNAT) between hops. */
  seen: { src: string; dst: string; size: number } | null;
  mtu: number;
}

export type TraceReason =
  | { kind: 'rule'; text: string; rule: { table: string; chain: string; line: string; words: string; delta: number } }
  | { kind: 'policy'; text: string; rule: { table: string; chain: string; line: string; words: string; delta: number } }
  | { kind: 'no-route' | 'no-arp-reply' | 'mtu' | 'refused' | 'no-answer' | 'unknown'; text: string };

export interface TraceReport {
  spec: TraceSpec;
  from: { id: string | null; name: string };
  target: { text: string; address: string; containerId: string | null; name: string | null };
  proto: TraceProto;
  port: number | null;
  hops: TraceHopReport[];
  /** passed: answered end to end; lost: stopped at a hop; refused: the target said no; no-route: nothing left. */
  outcome: 'passed' | 'lost' | 'refused' | 'no-route' | 'error';
  /** The last hop that saw the probe, and the first that should have and did not. */
  lastSeen: string | null;
  firstMissing: string | null;
  reason: TraceReason | null;
  /** A rewrite on the way (a published port's DNAT): where it was sent, where it went, and the rule. */
  dnat: { from: string; to: string; line: string | null } | null;
  /** Every rule whose counter rose meanwhile, as iptables -S prints it: the evidence. */
  counted: Array<{ table: string; chain: string; line: string; delta: number }>;
  elapsedMs: number;
  /** When the last packet of the trace was sent or seen, from its start: the answer's delay is measured from it. */
  lastPacketMs: number;
  firewallError: string | null;
}

const ipOf = (endpoint: EndpointInfo | undefined) => endpoint?.ipv4?.split('/')[0] ?? null;

function bridgeHop(network: NetworkInfo, role: 'bridge-in' | 'bridge-out'): PlannedHop | null {
  if (!network.bridge) return null;
  const { name } = network.bridge;
  return { role, label: `${name} (${network.name}'s bridge)`, ifname: name, bridge: name, containerId: null, wire: null };
}

/** A container's side of the path: its interface and, on a bridge network, the host end of its veth. */
function containerSide(container: ContainerInfo, endpoint: EndpointInfo, network: NetworkInfo, side: 'source' | 'target'): PlannedHop[] {
  const hops: PlannedHop[] = [];
  // The namespace's owner: a container:<x> container's wires are x's, as the graph draws them.
  const owner = container.networkModeKind === 'container' && container.netnsOwner ? container.netnsOwner : container.id;
  const wire = { containerId: owner, networkId: network.id };
  if (endpoint.ifname)
    hops.push({
      role: side,
      label: `${container.name} ${endpoint.ifname}`,
      ifname: endpoint.ifname,
      bridge: null,
      containerId: owner,
      wire,
    });
  if (endpoint.hostVeth) {
    const role = side === 'source' ? 'source-veth' : 'target-veth';
    hops.push({
      role,
      label: `${endpoint.hostVeth.name} (${container.name}'s host end)`,
      ifname: endpoint.hostVeth.name,
      bridge: network.bridge?.name ?? null,
      containerId: null,
      wire,
    });
  }
  return side === 'source' ? hops : hops.reverse();
}

/** A hand-made veth into a container, as a side of the path: its inside end and its host end. */
function handMadeSide(topology: Topology, container: ContainerInfo, side: 'source' | 'target', onBridge?: string): PlannedHop[] | null {
  const link = topology.unmanagedLinks.find((l) => l.peer?.containerId === container.id && (!onBridge || l.master === onBridge));
  if (!link?.peer) return null;
  const wire = { containerId: container.id, linkIfindex: link.ifindex };
  const hops: PlannedHop[] = [
    {
      role: side,
      label: `${container.name} ${link.peer.ifname} (wired by hand)`,
      ifname: link.peer.ifname,
      bridge: null,
      containerId: container.id,
      wire,
    },
    {
      role: side === 'source' ? 'source-veth' : 'target-veth',
      label: `${link.name} (${container.name}'s host end, on ${link.master ?? 'no bridge'})`,
      ifname: link.name,
      bridge: link.master ?? null,
      containerId: null,
      wire,
    },
  ];
  return side === 'source' ? hops : hops.reverse();
}

/**
 * The hops a packet from `spec.from` to `spec.target` should cross, in order: the source's interface and its veth's
 * host end, the bridges where it is routed from one network to another, the target's veth and interface. From the
 * host: the target's bridge, veth and interface. Null with the reason when there is no path to plan.
 */
export function planTrace(topology: Topology, spec: TraceSpec): { plan: TracePlan | null; problem: string | null } {
  const proto: TraceProto = spec.proto ?? (spec.port ? 'tcp' : 'icmp');
  const port = proto === 'icmp' ? null : (spec.port ?? null);
  if (proto !== 'icmp' && !port) return { plan: null, problem: `A ${proto} trace needs a port.` };
  const fromHost = spec.from === 'host';
  const from = fromHost ? null : (findContainer(topology, spec.from) ?? null);
  if (!fromHost && !from) return { plan: null, problem: `No container "${spec.from}" on this engine.` };
  if (from && (from.state !== 'running' || !from.pid)) return { plan: null, problem: `${from.name} is not running: start it, then trace.` };
  const target = parseIPv4(spec.target) === null ? (findContainer(topology, spec.target) ?? null) : null;
  if (!target && parseIPv4(spec.target) === null)
    return { plan: null, problem: `"${spec.target}" is neither a container of this engine nor an IPv4 address.` };
  const bridges = new Map(topology.networks.filter((n) => n.bridge).map((n) => [n.bridge!.name, n.name]));
  const networkOf = (id: string) => topology.networks.find((n) => n.id === id);

  const targetEndpoints = target ? effectiveEndpoints(target, topology) : [];
  const shared = from && target ? sharedNetworks(from, target, topology) : [];
  const fromEndpoints = from ? effectiveEndpoints(from, topology) : [];
  // Which of the target's interfaces the packet is for: on a network the two share, else its first with an address.
  const targetEndpoint =
    targetEndpoints.find((e) => shared.some((n) => n.id === e.networkId) && e.ipv4) ?? targetEndpoints.find((e) => e.ipv4);
  let address = target ? ipOf(targetEndpoint) : spec.target;
  const hops: PlannedHop[] = [];

  // Two containers on one bridge made by hand (no Docker network): their hand-made veths are the path.
  const handShared =
    from && target
      ? topology.unmanagedLinks.find(
          (a) =>
            a.peer?.containerId === from.id &&
            topology.unmanagedLinks.some((b) => b.peer?.containerId === target.id && b.master && b.master === a.master),
        )
      : undefined;
  if (from && target && handShared && !shared.length) {
    const theirs = topology.unmanagedLinks.find((b) => b.peer?.containerId === target.id && b.master === handShared.master)!;
    address = theirs.peer?.addresses[0]?.split('/')[0] ?? address;
    hops.push(
      ...(handMadeSide(topology, from, 'source', handShared.master!) ?? []),
      ...(handMadeSide(topology, target, 'target', theirs.master!) ?? []),
    );
    return {
      plan: { from, target, address: address ?? '', proto, port, containerPort: null, hops, bridges },
      problem: address ? null : `${target.name} has no address on ${handShared.master}.`,
    };
  }
  // From the host to a port the target publishes: to the host's own address on that network, as a client on the host
  // would connect, so the packet goes through Docker's DNAT (the trace shows the rewrite). Published on loopback
  // only, Docker's proxy takes the connection and opens its own to the container's port: that leg is what is traced.
  const published = fromHost && target && port ? target.ports.find((p) => p.hostPort === port && p.protocol === proto) : undefined;
  const onLoopback = published?.hostIp.startsWith('127.') ?? false;
  if (published && targetEndpoint && !onLoopback) address = targetEndpoint.gateway ?? address;
  const tracedPort = published && onLoopback ? published.containerPort : port;
  if (!address) return { plan: null, problem: `${target?.name ?? spec.target} has no IPv4 address to trace to.` };

  if (from) {
    const sameNetwork = fromEndpoints.find((e) => targetEndpoint && e.networkId === targetEndpoint.networkId);
    // Leaving its own networks, a packet takes the default route: the first network with a gateway.
    const egress = sameNetwork ?? fromEndpoints.find((e) => e.gateway) ?? fromEndpoints[0];
    const egressNetwork = egress && networkOf(egress.networkId);
    if (egress && egressNetwork) {
      hops.push(...containerSide(from, egress, egressNetwork, 'source'));
      if (!sameNetwork) {
        const hop = bridgeHop(egressNetwork, 'bridge-in');
        if (hop) hops.push(hop);
      }
    } else {
      const hand = handMadeSide(topology, from, 'source');
      if (hand) hops.push(...hand);
    }
    if (target && targetEndpoint && !sameNetwork) {
      const network = networkOf(targetEndpoint.networkId);
      const hop = network && bridgeHop(network, 'bridge-out');
      if (hop) hops.push(hop);
    }
  } else if (target && targetEndpoint) {
    const network = networkOf(targetEndpoint.networkId);
    const hop = network && bridgeHop(network, 'bridge-out');
    if (hop) hops.push(hop);
  }
  if (target && targetEndpoint) {
    const network = networkOf(targetEndpoint.networkId);
    if (network) hops.push(...containerSide(target, targetEndpoint, network, 'target'));
  }
  return {
    plan: {
      from,
      target,
      address,
      proto,
      port: tracedPort,
      containerPort: published && !onLoopback ? published.containerPort : null,
      hops: hops.slice(0, 12),
      bridges,
    },
    problem: null,
  };
}
