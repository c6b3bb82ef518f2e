/**
 * The path of a test from a container on one swarm node to one on another over an overlay network, hop by
 * hop as the kernel carries it: the container's interface, its node's overlay namespace (veth, br0), the
 * vxlan device that wraps the frame in UDP 4789, the underlay from one node's address to the other's, and
 * the same in reverse on the far node. Each hop passed, failed or is not known, from what the tunnel did
 * with the probe (./vxlanDiagnosis.ts). Pure.
 */
import type { OverlayNamespace } from './topology.js';
import type { TunnelVerdict } from './vxlanDiagnosis.js';

export interface PathHop {
  /** The node it is on ("node2"), or the two an underlay hop runs between ("node2 → node1"). */
  host: string;
  /** What the packet passes there, in a few words. */
  what: string;
  status: 'pass' | 'fail' | 'unknown';
}

export interface PathEnd {
  host: string;
  /** The node's underlay address. */
  address: string | null;
  container: string;
  ifname: string | null;
  ip: string | null;
  /** The overlay namespace on that node, and the container's veth in it. */
  namespace: OverlayNamespace | null;
  port: string | null;
}

/** passed: the test passed; unknown: the counters could not be read. */
export type PathVerdict = TunnelVerdict | 'passed' | 'unknown';

export function acrossNodesPath(
  network: { name: string; vni: number | null },
  from: PathEnd,
  to: PathEnd,
  verdict: PathVerdict,
): PathHop[] {
  const vxlan = (end: PathEnd) => `${end.namespace?.vxlan?.name ?? 'vxlan0'} (VXLAN ${network.vni ?? '?'})`;
  const bridge = (end: PathEnd) => end.namespace?.bridge?.name ?? 'br0';
  const underlay = (a: PathEnd, b: PathEnd) => `${a.address ?? a.host} → ${b.address ?? b.host}`;
  const hops: Array<Omit<PathHop, 'status'>> = [
    { host: from.host, what: `${from.container} ${from.ifname ?? 'eth0'}${from.ip ? ` ${from.ip}` : ''}` },
    { host: from.host, what: `${network.name}’s namespace: ${from.port ?? 'its veth'} → ${bridge(from)}` },
    { host: from.host, what: `${vxlan(from)} wraps it in UDP 4789 for ${to.address ?? to.host}` },
    { host: `${from.host} → ${to.host}`, what: `underlay ${underlay(from, to)}, UDP 4789` },
    { host: to.host, what: `${vxlan(to)} unwraps it` },
    { host: to.host, what: `${network.name}’s namespace: ${bridge(to)} → ${to.port ?? 'its veth'}` },
    { host: to.host, what: `${to.container} ${to.ifname ?? 'eth0'}${to.ip ? ` ${to.ip}` : ''}` },
  ];
  const statuses = (passed: number, failed: boolean) =>
    hops.map((hop, index): PathHop => ({ ...hop, status: index < passed ? 'pass' : index === passed && failed ? 'fail' : 'unknown' }));
  switch (verdict) {
    case 'passed':
    case 'carried':
      return statuses(hops.length, false);
    case 'no-peer':
      return statuses(2, true).map((hop, index) =>
        index === 2 ? { ...hop, what: `${vxlan(from)} has no entry for it on ${to.host} (gossip, 7946): sent nothing` } : hop,
      );
    case 'blocked-there':
      return statuses(3, true);
    case 'blocked-back':
      return [
        ...statuses(hops.length, false),
        { host: `${to.host} → ${from.host}`, what: `the answer: underlay ${underlay(to, from)}, UDP 4789`, status: 'fail' },
      ];
    case 'unknown':
      return statuses(0, false);
  }
}
