/**
 * Traffic on the wires: counters sampled from the kernel, the rates they give,
 * and packet captures, as they cross the contract.
 */
import type { HelperEvents } from './helperProtocol.js';
import type { TrafficCounters } from './topology.js';

export type { TrafficCounters } from './topology.js';

/** One sample of the counters of what the client has on screen. */
export interface CountersSample {
  /** When it was read (ms since the epoch). */
  at: number;
  /** Each endpoint of the containers asked for, by container id and network id. */
  endpoints: Array<{ containerId: string; networkId: string; ifname: string; counters: TrafficCounters }>;
  /** Hand-made links whose other end is in one of those containers, by that container and the host end's ifindex. */
  links: Array<{ containerId: string; ifindex: number; counters: TrafficCounters }>;
}

export interface CaptureSpec {
  /** The client's id for it (random): its packets and end come as events with this id. */
  captureId: number;
  /** A container's name or id. */
  container: string;
  /** The interface inside the container; default its first endpoint's. */
  iface?: string;
  /** The capture filter language (see docs/user-guide.md): proto icmp|tcp|udp|arp|dns, host ADDR, port N, and/or/not. */
  filter?: string;
  /** Stop after this many packets, or this many seconds (0 or absent: until stopped). */
  count?: number;
  seconds?: number;
  /**
   * Capture on its host's underlay instead: the interface holding the swarm node's address, VXLAN alone (UDP
   * 4789), the packets that carry its overlay networks between nodes. Takes no filter and no iface.
   */
  underlay?: boolean;
}

export interface CaptureStarted {
  captureId: number;
  containerId: string;
  containerName: string;
  ifname: string;
  snaplen: number;
  /** On its host's underlay (CaptureSpec.underlay): the host's name. */
  underlayOf?: string;
}

export type CapturePackets = HelperEvents['capturePackets'];
export type CaptureEnd = HelperEvents['captureEnd'];

/** Only the counters of a link (whatever else names it), as its own end counts them. */
export const countersOf = (link: TrafficCounters): TrafficCounters => ({
  rxBytes: link.rxBytes,
  txBytes: link.txBytes,
  rxPackets: link.rxPackets,
  txPackets: link.txPackets,
  rxDropped: link.rxDropped,
  txDropped: link.txDropped,
});

/** A veth end's counters as its other end sees them: what one end sends, the other receives. */
export const fromOtherEnd = (link: TrafficCounters): TrafficCounters => ({
  rxBytes: link.txBytes,
  txBytes: link.rxBytes,
  rxPackets: link.txPackets,
  txPackets: link.rxPackets,
  rxDropped: link.txDropped,
  txDropped: link.rxDropped,
});

/** The rate between two samples of one counter, per second (0 when the counter went back: a new link). */
export function ratePerSecond(before: number, after: number, seconds: number): number {
  if (seconds <= 0 || after < before) return 0;
  return (after - before) / seconds;
}

/** "1.2 MB/s", "30 kB/s", "512 B/s": decimal units, as network tools show rates. */
export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond >= 1e9) return `${(bytesPerSecond / 1e9).toFixed(1)} GB/s`;
  if (bytesPerSecond >= 1e6) return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
  if (bytesPerSecond >= 1e3) return `${(bytesPerSecond / 1e3).toFixed(bytesPerSecond >= 1e4 ? 0 : 1)} kB/s`;
  return `${Math.round(bytesPerSecond)} B/s`;
}

/** A wire's traffic now, in bytes per second: tx sent by the container, rx received by it. */
export interface WireRate {
  tx: number;
  rx: number;
}

/** The graph's id of each sampled wire (as the graph names its edges): an endpoint's, or a hand-made link's. */
export const endpointWireKey = (containerId: string, networkId: string) => `ep:${containerId}:${networkId}`;
export const handWireKey = (containerId: string, ifindex: number) => `hw:${containerId}:${ifindex}`;

/** Every wire's counters in a sample, by wire key. */
export function countersByWire(sample: CountersSample): Map<string, TrafficCounters> {
  const byWire = new Map<string, TrafficCounters>();
  for (const e of sample.endpoints) byWire.set(endpointWireKey(e.containerId, e.networkId), e.counters);
  for (const l of sample.links) byWire.set(handWireKey(l.containerId, l.ifindex), l.counters);
  return byWire;
}

/** Rates between two samples, for the wires in both. */
export function ratesBetween(before: CountersSample, after: CountersSample): Map<string, WireRate> {
  const seconds = (after.at - before.at) / 1000;
  const earlier = countersByWire(before);
  const rates = new Map<string, WireRate>();
  for (const [key, now] of countersByWire(after)) {
    const then = earlier.get(key);
    if (then)
      rates.set(key, { tx: ratePerSecond(then.txBytes, now.txBytes, seconds), rx: ratePerSecond(then.rxBytes, now.rxBytes, seconds) });
  }
  return rates;
}

/** Below this a wire is quiet: no label, no motion (ARP and neighbour discovery are not traffic worth showing). */
export const QUIET_BYTES_PER_SECOND = 64;

/** "↑ 1.2 MB/s ↓ 30 kB/s" (↑ sent by the container), or null for a quiet wire. */
export function rateLabel(rate: WireRate | undefined): string | null {
  if (!rate || Math.max(rate.tx, rate.rx) < QUIET_BYTES_PER_SECOND) return null;
  return `↑ ${formatRate(rate.tx)} ↓ ${formatRate(rate.rx)}`;
}

/** How heavy a wire is drawn: 0 quiet, 1 up to 10 kB/s, 2 up to 1 MB/s, 3 more. */
export function trafficLevel(rate: WireRate | undefined): 0 | 1 | 2 | 3 {
  const most = rate ? Math.max(rate.tx, rate.rx) : 0;
  return most < QUIET_BYTES_PER_SECOND ? 0 : most < 1e4 ? 1 : most < 1e6 ? 2 : 3;
}
