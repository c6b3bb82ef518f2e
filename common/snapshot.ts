/**
 * A snapshot is a saved Topology: what `dockwire topology --json` prints and
 * what the app's "Save snapshot" writes. Files come from anywhere (an old
 * Dockwire, another tool, a truncated copy), so reading one checks every field
 * the app and the diff use, refuses a newer schema with a clear message, and
 * never lets a foreign shape through to crash what draws it.
 */
import { DockwireError } from './errors.js';
import { isHostsDocument } from './hosts.js';
import { bool, int, list, nullable, oneOf, record, str, type Check } from './schema.js';
import type { HelperStatus } from './kernelFacts.js';
import {
  SCHEMA_VERSION,
  type EngineInfo,
  type HostState,
  type ContainerDns,
  type OverlayInfo,
  type OverlayNamespace,
  type OverlayNodePart,
  type Topology,
  type TrafficCounters,
} from './topology.js';

/** Larger than any real host's Topology (500 containers: about 1.5 MB), small enough to read at once. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

const MANY = 100_000;
/**
 * What a real host has, with room to spare: a file that claims more is refused in words rather than drawn
 * or compared (the compare view and the diff are linear in these, but the picture of 50,000 cards is not).
 */
export const MAX_NETWORKS = 10_000;
export const MAX_CONTAINERS = 20_000;
/** Networks one container is on. */
const MAX_ENDPOINTS = 1_000;

/**
 * Like schema.ts's object(), but keys it does not name are dropped rather than refused: a snapshot
 * of a later Dockwire with the same schemaVersion may carry additions, which this one ignores.
 * Keys named with a default may be missing (fields added since schemaVersion 1 was first written).
 */
function fields<T>(shape: { [K in keyof T]: Check<T[K]> | { missing: T[K]; check: Check<T[K]> } }): Check<T> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DockwireError('bad-request', `${path || 'the file'} must be an object`);
    }
    const input = value as Record<string, unknown>;
    const output: Record<string, unknown> = {};
    for (const [key, rule] of Object.entries(shape) as Array<[string, Check<unknown> | { missing: unknown; check: Check<unknown> }]>) {
      const child = path ? `${path}.${key}` : key;
      if (typeof rule === 'function') output[key] = rule(input[key], child);
      else output[key] = input[key] === undefined ? rule.missing : rule.check(input[key], child);
    }
    return output as T;
  };
}

const text = str(64 * 1024);
const texts = list(text, MANY);
const strings = record(text, MANY);

const checkDns = fields<ContainerDns>({
  nameservers: texts,
  search: texts,
  options: texts,
  embedded: bool,
  configured: fields({ servers: texts, search: texts, options: texts }),
  extraHosts: texts,
  unread: nullable(text),
});

const NO_DNS: ContainerDns = {
  nameservers: [],
  search: [],
  options: [],
  embedded: false,
  configured: { servers: [], search: [], options: [] },
  extraHosts: [],
  unread: 'not in this snapshot',
};

const ifindex = int(0, 2 ** 31);

const total = int(0, Number.MAX_SAFE_INTEGER);
const checkCounters = fields<TrafficCounters>({
  rxBytes: total,
  txBytes: total,
  rxPackets: total,
  txPackets: total,
  rxDropped: total,
  txDropped: total,
});

const linkFacts = { name: text, ifindex, mac: text, mtu: int(0, 2 ** 31), state: text };
const checkOverlayNamespace = nullable(
  fields<OverlayNamespace>({
    bridge: nullable(fields({ ...linkFacts, addresses: texts })),
    vxlan: nullable(fields({ ...linkFacts, vni: nullable(int(0, 2 ** 24)), stats: { missing: null, check: nullable(checkCounters) } })),
    ports: list(fields({ name: text, ifindex, state: text, containerId: nullable(text), ifname: nullable(text) }), MANY),
  }),
);
const checkOverlay = fields<OverlayInfo>({
  vni: nullable(int(0, 2 ** 24)),
  peers: list(fields({ name: text, ip: text }), MANY),
  namespace: checkOverlayNamespace,
  nodes: {
    missing: undefined,
    check: list(
      fields<OverlayNodePart>({
        host: text,
        address: nullable(text),
        peers: texts,
        underlay: { missing: null, check: nullable(fields({ name: text, mtu: int(0, 2 ** 31) })) },
        namespace: checkOverlayNamespace,
      }),
      256,
    ),
  },
});

const checkEngine = fields<EngineInfo>({
  endpoint: text,
  version: text,
  apiVersion: text,
  hostname: text,
  os: text,
  arch: text,
  swarm: bool,
  swarmAddress: { missing: undefined, check: text },
  swarmInterface: { missing: undefined, check: fields({ name: text, mtu: int(0, 2 ** 31) }) },
});
const checkHelper = fields<HelperStatus>({
  mode: oneOf('container', 'local', 'unavailable', 'off'),
  reason: nullable(text),
  notice: { missing: undefined, check: nullable(text) },
  undone: { missing: undefined, check: list(text, 64) },
});
/** The engine an object is on, in a picture of several (Topology.hosts). */
const onHost = { missing: undefined, check: text };
/** Engines followed at once: far more than one window can show. */
const MAX_HOSTS = 256;

const checkTopology = fields<Topology>({
  schemaVersion: (value) => value as typeof SCHEMA_VERSION,
  version: int(0, Number.MAX_SAFE_INTEGER),
  generatedAt: text,
  engine: checkEngine,
  helper: checkHelper,
  hosts: {
    missing: undefined,
    check: list(
      fields<HostState>({
        name: text,
        endpoint: text,
        state: oneOf('connecting', 'live', 'reconnecting', 'unresponsive', 'snapshot'),
        error: nullable(text),
        engine: nullable(checkEngine),
        helper: nullable(checkHelper),
      }),
      MAX_HOSTS,
    ),
  },
  networks: list(
    fields({
      host: onHost,
      spans: { missing: undefined, check: list(text, MAX_HOSTS) },
      id: text,
      name: text,
      driver: text,
      scope: text,
      internal: bool,
      attachable: bool,
      ipv6: bool,
      dns: bool,
      predefined: bool,
      subnets: list(fields({ subnet: text, gateway: nullable(text), ipRange: nullable(text) }), MANY),
      bridge: nullable(
        fields({
          name: text,
          ifindex: nullable(ifindex),
          mac: nullable(text),
          mtu: nullable(int(0, 2 ** 31)),
          state: nullable(text),
          addresses: { missing: [], check: texts },
          ports: texts,
        }),
      ),
      parent: nullable(text),
      options: strings,
      labels: strings,
      createdAt: text,
      overlay: { missing: null, check: nullable(checkOverlay) },
      sandboxEndpoints: {
        missing: [],
        check: list(fields({ sandbox: text, name: text, endpointId: text, ipv4: nullable(text), mac: nullable(text) }), MANY),
      },
    }),
    MAX_NETWORKS,
  ),
  containers: list(
    fields({
      host: onHost,
      id: text,
      name: text,
      image: text,
      state: text,
      status: text,
      networkMode: text,
      networkModeKind: oneOf('bridge', 'host', 'none', 'container', 'network'),
      netnsOwner: nullable(text),
      pid: nullable(int(0, 2 ** 31)),
      endpoints: list(
        fields({
          networkId: text,
          networkName: text,
          endpointId: text,
          ifname: nullable(text),
          ifindex: nullable(ifindex),
          hostVeth: nullable(fields({ name: text, ifindex })),
          ipv4: nullable(text),
          ipv6: nullable(text),
          mac: nullable(text),
          gateway: nullable(text),
          ipv6Gateway: nullable(text),
          aliases: texts,
          stats: { missing: null, check: nullable(checkCounters) },
        }),
        MAX_ENDPOINTS,
      ),
      ports: list(fields({ containerPort: int(0, 65535), protocol: text, hostIp: text, hostPort: int(0, 65535) }), MANY),
      labels: strings,
      dns: { missing: NO_DNS, check: checkDns },
      listening: {
        missing: null,
        check: nullable(list(fields({ protocol: oneOf('tcp', 'udp'), address: text, port: int(0, 65535) }), MANY)),
      },
      namespaceTruncated: { missing: [], check: texts },
    }),
    MAX_CONTAINERS,
  ),
  unmanagedLinks: list(
    fields({
      host: onHost,
      kind: oneOf('veth', 'bridge'),
      name: text,
      ifindex,
      mac: text,
      state: text,
      master: nullable(text),
      networkId: nullable(text),
      peer: nullable(fields({ containerId: nullable(text), ifname: text, ifindex, addresses: texts })),
      stats: { missing: null, check: nullable(checkCounters) },
    }),
    MAX_CONTAINERS,
  ),
  services: {
    missing: [],
    check: list(
      fields({
        id: text,
        name: text,
        mode: text,
        replicas: nullable(int(0, 2 ** 31)),
        ports: list(fields({ protocol: text, targetPort: int(0, 65535), publishedPort: int(0, 65535), publishMode: text }), MANY),
        virtualIps: list(fields({ networkId: text, address: text }), MANY),
        tasks: {
          missing: [],
          check: list(
            fields({
              id: text,
              slot: nullable(int(0, 2 ** 31)),
              nodeId: text,
              state: text,
              desiredState: text,
              containerId: nullable(text),
              error: nullable(text),
            }),
            MANY,
          ),
        },
      }),
      MANY,
    ),
  },
  swarmNodes: {
    missing: [],
    check: list(
      fields({
        id: text,
        hostname: text,
        role: oneOf('manager', 'worker'),
        availability: text,
        state: text,
        address: text,
        leader: bool,
        message: nullable(text),
      }),
      MANY,
    ),
  },
});

/** Why a file cannot be shown as a snapshot, as a sentence naming the file (the CLI's exit 2). */
export class SnapshotError extends DockwireError {
  constructor(message: string) {
    super('invalid', message);
  }
}

export const notASnapshot = (source: string, why: string) => new SnapshotError(`${source} is not a Dockwire snapshot: ${why}`);

/** Checks parsed JSON as a snapshot: a Topology of this schema, every field the right type. */
export function checkSnapshot(value: unknown, source: string): Topology {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notASnapshot(source, 'it holds no JSON object');
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) {
    throw notASnapshot(source, 'it has no schemaVersion (save one with "dockwire topology --json > FILE" or the app’s Save snapshot)');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw notASnapshot(source, `its schemaVersion is ${JSON.stringify(version).slice(0, 40)}, not a version number`);
  }
  if (version > SCHEMA_VERSION) {
    throw new SnapshotError(
      `${source} was saved by a newer Dockwire (snapshot schema ${version}; this one reads schema ${SCHEMA_VERSION}): update Dockwire to open it`,
    );
  }
  if (isHostsDocument(value)) {
    throw notASnapshot(
      source,
      "it holds several hosts (dockwire topology --context A --context B): take one host's with jq '.hosts[0].topology'",
    );
  }
  try {
    return checkTopology(value, '');
  } catch (error) {
    throw notASnapshot(source, (error as Error).message);
  }
}

/** Reads a snapshot from its text (a file's contents). */
export function parseSnapshot(textOfFile: string, source: string): Topology {
  if (textOfFile.length > MAX_SNAPSHOT_BYTES) throw notASnapshot(source, `it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB`);
  let value: unknown;
  try {
    value = JSON.parse(textOfFile);
  } catch (error) {
    throw notASnapshot(source, `it is not JSON (${(error as Error).message})`);
  }
  return checkSnapshot(value, source);
}

/** A file name for a snapshot of this Topology: the engine's host and the time, safe on every file system. */
export function snapshotFileName(topology: Topology, extension = 'json'): string {
  const host = topology.engine.hostname.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 40) || 'docker';
  const time = topology.generatedAt.replace(/\..*$/, '').replace(/[:]/g, '-');
  return `dockwire-${host}-${time}.${extension}`;
}
