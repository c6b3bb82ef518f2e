/**
 * Several engines in one document: what `dockwire topology --json --context A --context B` prints.
 * Each host is one engine, read on its own: one that cannot be reached is in the list with why,
 * and the others are read all the same. Each Topology inside is the same contract as a single
 * engine's (docs/topology-json.md), so `.hosts[0].topology` is a snapshot `dockwire diff` reads.
 */
import type { ErrorData } from './errors.js';
import { SCHEMA_VERSION, type Topology } from './topology.js';

export interface HostReading {
  /** What the user named it by: the context's name, or the address given with --host. */
  name: string;
  /** How it was chosen, in words (context "node2", --host). */
  source: string;
  /** The engine's address, as the user would write it; null when even that could not be worked out. */
  endpoint: string | null;
  state: 'live' | 'unreachable';
  /** Why there is no Topology (state "unreachable"), else null. */
  error: ErrorData | null;
  topology: Topology | null;
}

export interface HostsDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  hosts: HostReading[];
}

export function hostsDocument(hosts: HostReading[]): HostsDocument {
  return { schemaVersion: SCHEMA_VERSION, hosts };
}

/** Whether a parsed JSON value is a document of several hosts rather than one Topology. */
export function isHostsDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Array.isArray((value as { hosts?: unknown }).hosts) && !('containers' in value);
}
