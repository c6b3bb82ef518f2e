/**
 * The protocol between the backend and the native helper, typed once: every
 * method with its params and result, every error code, every pushed event,
 * written as strict checkers from which the TypeScript types are derived. The
 * backend checks every reply against them; the Go side mirrors them
 * (native-helper/results.go and each method's params struct); the fixtures in
 * ./helperProtocol.fixtures.json are decoded strictly by both sides' tests, so a
 * field renamed on one side fails the other's.
 *
 * Every request that acts in a container's namespace names a Target: the
 * container's full id as well as its init's pid; the helper refuses it unless
 * that pid is that container's init now.
 */
import { firewall, nftRule } from './nftSchema.js';
import { bool, type Check, type Infer, int, list, nullable, num, object, oneOf, optional, record, str } from './schema.js';

export const HELPER_PROTOCOL_VERSION = '6';

const count = int(0, Number.MAX_SAFE_INTEGER);
const counterFields = () => ({ rxBytes: count, txBytes: count, rxPackets: count, txPackets: count, rxDropped: count, txDropped: count });
const ifindex = int(0, 2 ** 31);
const text = str(4096);
const many = <T>(check: Check<T>) => list(check, 100_000);

/** A link's totals since it was made (rx: received on this end, tx: sent from it). */
const counters = object(counterFields());
const linkCounters = object({ ifindex, ...counterFields() });

const kernelAddress = object({ family: oneOf('inet', 'inet6'), address: str(64), prefixlen: int(0, 128) });
const kernelLink = object({
  ifindex,
  name: str(64),
  /** veth, bridge, macvlan, ipvlan, vxlan, loopback, device… */
  kind: str(64),
  mac: str(64),
  mtu: count,
  operstate: str(32),
  up: bool,
  /** ifindex of the bridge this link is a port of. */
  master: nullable(ifindex),
  /** For a veth: the ifindex of its other end, in the namespace named by linkNetnsid. */
  peerIfindex: nullable(ifindex),
  linkNetnsid: nullable(int(-1, 2 ** 31)),
  addresses: many(kernelAddress),
  /** A vxlan device's VNI. */
  vxlanId: optional(int(0, 2 ** 24)),
  /** Its traffic counters (IFLA_STATS64), as the kernel keeps them for this end. */
  stats: optional(counters),
});
const kernelRouteEntry = object({ family: oneOf('inet', 'inet6'), destination: str(64), gateway: str(64), ifindex, prefsrc: str(64) });
const resolvConf = object({
  nameservers: list(str(64), 3),
  search: list(str(253), 6),
  options: list(str(64), 16),
  ndots: int(0, 15),
  /** The file was larger than 64 KiB: only its start was read. */
  truncated: bool,
});

const kernelNamespace = object({
  pid: count,
  /** The id the host namespace gives this namespace (-1 when none is assigned). */
  nsid: int(-1, 2 ** 31),
  links: many(kernelLink),
  routes: many(kernelRouteEntry),
  error: optional(text),
  /** What was cut from its dumps past the helper's bounds (a container that made a million routes), in words. */
  truncated: optional(list(text, 8)),
  /** The container's /etc/resolv.conf, or why it could not be read. */
  resolvConf: optional(resolvConf),
  resolvConfError: optional(text),
  /** What listens in the namespace: TCP sockets in LISTEN, UDP sockets bound; at most 256. */
  listening: optional(list(object({ protocol: oneOf('tcp', 'udp'), address: str(64), port: int(0, 65535) }), 256)),
  /**
   * The namespaces its links lead to other than the host's (an overlay network's own namespace: br0, vxlan0,
   * a veth per endpoint), by the nsid this namespace gives them; at most 8, of at most 1024 links each.
   */
  peerNamespaces: optional(
    list(object({ nsid: int(0, 2 ** 31), links: list(kernelLink, 1024), error: optional(text), truncated: optional(bool) }), 8),
  ),
});

export type KernelAddress = Infer<typeof kernelAddress>;
export type KernelLink = Infer<typeof kernelLink>;
export type KernelRouteEntry = Infer<typeof kernelRouteEntry>;
export type KernelNamespace = Infer<typeof kernelNamespace>;

export type { Firewall, NftChain, NftExpr, NftRule } from './nftSchema.js';

/** A container's namespace, as the helper is allowed to enter it. */
const target = { pid: int(1, 4_194_304), container: str(64) };

/** A trace's evidence: what each hop saw of the marked probe, and which rules counted packets meanwhile. */
const tracePacket = object({ kind: oneOf('request', 'reply', 'error'), src: str(64), dst: str(64), size: count, timeMs: num });
const traceHop = object({
  ifname: str(64),
  error: optional(text),
  requests: count,
  replies: count,
  errors: count,
  arpRequests: count,
  arpReplies: count,
  packets: list(tracePacket, 64),
  mtu: count,
});
const countedRule = object({
  rule: optional(nftRule),
  family: str(16),
  table: str(64),
  chain: str(64),
  policy: optional(str(16)),
  delta: num,
});
const traceResult = object({
  marker: count,
  sent: count,
  replied: bool,
  outcome: oneOf('replied', 'refused', 'timeout', 'unreachable', 'no-route', 'error'),
  detail: optional(text),
  routeIfname: str(64),
  hops: list(traceHop, 12),
  counted: list(countedRule, 512),
  firewallError: optional(text),
  elapsedMs: num,
  lastSentMs: num,
});
export type TraceResult = Infer<typeof traceResult>;
export type CountedRule = Infer<typeof countedRule>;
export type Target = { pid: number; container: string };

const dnsResult = object({
  resolved: bool,
  name: optional(str(253)),
  server: optional(str(64)),
  answers: many(object({ type: oneOf('A', 'AAAA'), address: str(64), ttl: count })),
  timeMs: num,
  resolvConf: optional(resolvConf),
  tried: many(object({ name: str(253), server: str(64), rcode: text, answers: count })),
  reason: optional(text),
});
const routeResult = object({
  reachable: bool,
  destination: str(64),
  gateway: str(64),
  source: str(64),
  ifindex,
  ifname: str(64),
  reason: optional(text),
});
const pingResult = object({
  address: str(64),
  sent: count,
  received: count,
  errors: record(count),
  rttMs: optional(object({ min: num, avg: num, max: num })),
});
const tcpResult = object({
  address: str(64),
  port: int(1, 65535),
  timeMs: num,
  state: oneOf('open', 'refused', 'timeout', 'unreachable', 'error'),
  error: optional(text),
});
const httpResult = object({
  ok: bool,
  status: optional(int(100, 999)),
  statusText: optional(text),
  headers: optional(record(text, 64)),
  bytes: optional(count),
  timeMs: num,
  error: optional(text),
});
export type DnsResult = Infer<typeof dnsResult>;
export type RouteResult = Infer<typeof routeResult>;
export type PingResult = Infer<typeof pingResult>;
export type TcpResult = Infer<typeof tcpResult>;
export type HttpResult = Infer<typeof httpResult>;

const ifname = str(15);
const wireParams = object({
  wireId: count,
  ...target,
  bridge: ifname,
  hostIfname: ifname,
  containerIfname: ifname,
  address: str(64),
  gateway: str(64),
  mtu: int(0, 65535),
});

const targets = object({ targets: list(object(target), 4096) });
const none = object({});

/** Every method: the checkers of its params and of its result. */
export const helperMethods = {
  version: { params: none, result: object({ version: str(16), go: str(64), arch: str(32), pid: count }) },
  hostLinks: { params: none, result: object({ links: many(kernelLink), truncated: optional(list(text, 8)) }) },
  netnsLinks: { params: object(target), result: kernelNamespace },
  snapshot: {
    // hostLinks: only these host links, by ifindex (those netlink said changed); absent, all of them.
    params: object({ targets: list(object(target), 4096), hostLinks: optional(list(int(1, 2_147_483_647), 4096)) }),
    result: object({ host: object({ links: many(kernelLink), truncated: optional(list(text, 8)) }), namespaces: many(kernelNamespace) }),
  },
  watch: { params: targets, result: object({ watching: many(count), failed: record(text) }) },
  route: { params: object({ ...target, destination: str(64) }), result: routeResult },
  dns: { params: object({ ...target, name: str(253), timeoutMs: optional(count) }), result: dnsResult },
  ping: {
    params: object({ ...target, address: str(64), count: optional(count), intervalMs: optional(count), timeoutMs: optional(count) }),
    result: pingResult,
  },
  tcp: { params: object({ ...target, address: str(64), port: int(1, 65535), timeoutMs: optional(count) }), result: tcpResult },
  http: { params: object({ ...target, url: str(2048), address: optional(str(64)), timeoutMs: optional(count) }), result: httpResult },
  /** The same connect and GET from the engine host's own network namespace (the helper's): how a published port is reached. */
  hostTcp: { params: object({ address: str(64), port: int(1, 65535), timeoutMs: optional(count) }), result: tcpResult },
  hostHttp: { params: object({ url: str(2048), address: optional(str(64)), timeoutMs: optional(count) }), result: httpResult },
  wire: {
    params: wireParams,
    result: object({ hostIfname: ifname, hostIfindex: ifindex, containerIfname: ifname, containerIfindex: ifindex }),
  },
  unwire: { params: object({ ...target, hostIfname: ifname }), result: object({ deleted: ifname }) },
  /**
   * Undoes wirings a helper left unfinished when it died (their host veth still carries its journal alias): the
   * pairs it deleted, by their host ends. Asked once by each new helper.
   */
  sweepWires: { params: none, result: object({ undone: list(ifname, 64) }) },
  /** The host's firewall, read-only: every nf_tables chain and rule with its counters. */
  firewall: { params: none, result: firewall },
  /**
   * A trace: the marked probe sent from the source (a container, or the host when absent), watched at every hop
   * (an interface in a container's namespace, or the host's), with the firewall's counters read before and after.
   */
  trace: {
    params: object({
      source: optional(object(target)),
      destination: str(64),
      proto: oneOf('icmp', 'tcp', 'udp'),
      port: optional(int(0, 65535)),
      size: optional(int(0, 9000)),
      hops: list(object({ target: optional(object(target)), ifname }), 12),
      timeoutMs: optional(count),
    }),
    result: traceResult,
  },
  /** One sample of every link's counters: the host's, and each named namespace's (one link dump each). */
  counters: {
    /** host: the host links wanted, by ifindex (all when absent). */
    params: object({ targets: list(object(target), 4096), host: optional(list(ifindex, 65_536)) }),
    result: object({
      host: list(linkCounters, 100_000),
      namespaces: many(object({ pid: count, links: list(linkCounters, 100_000), error: optional(text) })),
    }),
  },
  /** Starts a packet capture on one interface of a container; packets follow as capturePackets events, then captureEnd. */
  capture: {
    params: object({
      captureId: int(1, 2 ** 31 - 1),
      ...target,
      ifname,
      filter: optional(str(512)),
      count: optional(count),
      seconds: optional(int(0, 24 * 3600)),
      snaplen: optional(int(0, 65535)),
    }),
    result: object({ captureId: count, ifname, ifindex, snaplen: int(0, 65535) }),
  },
  captureStop: { params: object({ captureId: int(1, 2 ** 31 - 1) }), result: object({ captureId: count }) },
  /** Starts a capture on one of the host's own interfaces, of VXLAN alone (UDP 4789): the underlay between swarm nodes. */
  captureUnderlay: {
    params: object({
      captureId: int(1, 2 ** 31 - 1),
      ifname,
      count: optional(count),
      seconds: optional(int(0, 24 * 3600)),
      snaplen: optional(int(0, 65535)),
    }),
    result: object({ captureId: count, ifname, ifindex, snaplen: int(0, 65535) }),
  },
} as const;

export type HelperMethod = keyof typeof helperMethods;
export type HelperMethods = {
  [M in HelperMethod]: { params: Infer<(typeof helperMethods)[M]['params']>; result: Infer<(typeof helperMethods)[M]['result']> };
};

/** The codes a helper error carries; the backend acts on these, never on message text. */
export const HELPER_ERROR_CODES = [
  'bad-request',
  'unknown-method',
  'not-found',
  'permission',
  /** The pid is no longer (or never was) that container's init. */
  'stale-pid',
  'not-a-bridge',
  'not-a-veth',
  /** A veth whose other end is not in the named container. */
  'not-in-container',
  /** Wiring failed at a step: data is a WireFailure. */
  'wire-failed',
  'timeout',
  /** Too many requests waiting already: try again later. */
  'busy',
  'internal',
  /** Not from the helper: it went away before answering. */
  'helper-gone',
] as const;
export type HelperErrorCode = (typeof HELPER_ERROR_CODES)[number];

export const wireFailure = object({
  /** 1-based. */
  step: int(1, 64),
  reason: text,
  undone: text,
  /** Nothing is left behind. */
  clean: bool,
});
export type WireFailure = Infer<typeof wireFailure>;

export const helperError = object({ code: oneOf(...HELPER_ERROR_CODES), message: text, data: optional(wireFailure) });

/** Events the helper pushes without being asked. */
export const helperEvents = {
  /** A link or address changed in a watched namespace (pid 0: the host); netns is the namespace's identity. */
  netlink: object({
    pid: count,
    netns: count,
    kind: oneOf('link', 'addr', 'overrun', 'gone'),
    ifindex: optional(ifindex),
    ifname: optional(str(64)),
    action: optional(oneOf('new', 'del')),
  }),
  wire: object({ wireId: count, step: int(0, 64), status: oneOf('running', 'done', 'failed', 'undone'), error: optional(text) }),
  /** Captured frames (Ethernet), base64, with when they were seen (µs since the epoch) and their length on the wire. */
  capturePackets: object({
    captureId: count,
    packets: list(object({ timeUs: count, length: count, data: str(90_000) }), 64),
    /** Dropped so far because the reader was slower than the interface. */
    dropped: count,
  }),
  captureEnd: object({
    captureId: count,
    reason: oneOf('count', 'time', 'stopped', 'gone', 'error'),
    captured: count,
    dropped: count,
    error: optional(text),
  }),
};
export type HelperEvents = { [E in keyof typeof helperEvents]: Infer<(typeof helperEvents)[E]> };
