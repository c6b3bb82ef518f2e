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
  /** Hand-made links whose other end is in one of those containers (or on the host), by host ifindex. */
  links: Array<{ ifindex: number; counters: TrafficCounters }>;
}

export interface CaptureSpec {
  /** The client's id for it (random): its packets and end come as events with this id. */
  captureId: number;
  /** A container's name or id. */
  container: string;
  /** The interface inside the container; default its first endpoint's. */
  iface?: string;
  /** The capture filter language (see README): proto icmp|tcp|udp|arp|dns, host ADDR, port N, and/or/not. */
  filter?: string;
  /** Stop after this many packets, or this many seconds (0 or absent: until stopped). */
  count?: number;
  seconds?: number;
}

export interface CaptureStarted {
  captureId: number;
  containerId: string;
  containerName: string;
  ifname: string;
  snaplen: number;
}

export type CapturePackets = HelperEvents['capturePackets'];
export type CaptureEnd = HelperEvents['captureEnd'];

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
