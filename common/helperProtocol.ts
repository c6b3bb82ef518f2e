/**
 * The protocol between the backend and the native helper, typed once: every
 * method with its params and result, every error code, every pushed event.
 * The Go side mirrors it (native-helper/results.go and each method's params
 * struct); the fixtures in ./helperProtocol.fixtures.json are decoded strictly
 * by both sides' tests, so a field renamed on one side fails the other's.
 *
 * Every request that acts in a container's namespace names a Target: the
 * container's full id as well as its init's pid; the helper refuses it unless
 * that pid is that container's init now.
 */
import type { KernelLink, KernelNamespace } from './kernelFacts.js';

export const HELPER_PROTOCOL_VERSION = '2';

/** A container's namespace, as the helper is allowed to enter it. */
export interface Target {
  pid: number;
  /** The container's full id (64 hex digits). */
  container: string;
}

export interface DnsAnswer {
  type: 'A' | 'AAAA';
  address: string;
  ttl: number;
}

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
  ndots: number;
  /** The file was larger than 64 KiB: only its start was read. */
  truncated: boolean;
}

export interface DnsResult {
  resolved: boolean;
  name?: string;
  server?: string;
  answers: DnsAnswer[];
  timeMs: number;
  resolvConf?: ResolvConf;
  tried: Array<{ name: string; server: string; rcode: string; answers: number }>;
  reason?: string;
}

export interface RouteResult {
  reachable: boolean;
  destination: string;
  gateway: string;
  source: string;
  ifindex: number;
  ifname: string;
  reason?: string;
}

export interface PingResult {
  address: string;
  sent: number;
  received: number;
  errors: Record<string, number>;
  rttMs?: { min: number; avg: number; max: number };
}

export interface TcpResult {
  address: string;
  port: number;
  timeMs: number;
  state: 'open' | 'refused' | 'timeout' | 'unreachable' | 'error';
  error?: string;
}

export interface HttpResult {
  ok: boolean;
  status?: number;
  statusText?: string;
  headers?: Record<string, string>;
  bytes?: number;
  timeMs: number;
  error?: string;
}

export interface WireParams extends Target {
  wireId: number;
  bridge: string;
  hostIfname: string;
  containerIfname: string;
  /** IPv4 with its prefix, e.g. 172.17.42.99/16. */
  address: string;
  /** The default route's gateway; "" for no route. */
  gateway: string;
  /** 0: leave the kernel's default. */
  mtu: number;
}

/** Every method: its params and its result. */
export interface HelperMethods {
  version: { params: Record<string, never>; result: { version: string; go: string; arch: string; pid: number } };
  hostLinks: { params: Record<string, never>; result: { links: KernelLink[] } };
  netnsLinks: { params: Target; result: KernelNamespace };
  snapshot: { params: { targets: Target[] }; result: { host: { links: KernelLink[] }; namespaces: KernelNamespace[] } };
  watch: { params: { targets: Target[] }; result: { watching: number[]; failed: Record<string, string> } };
  route: { params: Target & { destination: string }; result: RouteResult };
  dns: { params: Target & { name: string; timeoutMs?: number }; result: DnsResult };
  ping: { params: Target & { address: string; count?: number; intervalMs?: number; timeoutMs?: number }; result: PingResult };
  tcp: { params: Target & { address: string; port: number; timeoutMs?: number }; result: TcpResult };
  http: { params: Target & { url: string; address?: string; timeoutMs?: number }; result: HttpResult };
  wire: { params: WireParams; result: { hostIfname: string; hostIfindex: number; containerIfname: string; containerIfindex: number } };
  unwire: { params: Target & { hostIfname: string }; result: { deleted: string } };
}

export type HelperMethod = keyof HelperMethods;

/** The codes a helper error carries; the backend acts on these, never on message text. */
export type HelperErrorCode =
  | 'bad-request'
  | 'unknown-method'
  | 'not-found'
  | 'permission'
  /** The pid is no longer (or never was) that container's init. */
  | 'stale-pid'
  | 'not-a-bridge'
  | 'not-a-veth'
  /** A veth whose other end is not in the named container. */
  | 'not-in-container'
  /** Wiring failed at a step: data is a WireFailure. */
  | 'wire-failed'
  | 'timeout'
  | 'internal'
  /** Not from the helper: it went away before answering. */
  | 'helper-gone';

export interface WireFailure {
  /** 1-based. */
  step: number;
  reason: string;
  undone: string;
  /** Nothing is left behind. */
  clean: boolean;
}

/** Events the helper pushes without being asked. */
export interface HelperEvents {
  /** A link or address changed in a watched namespace (pid 0: the host); netns is the namespace's identity. */
  netlink: {
    pid: number;
    netns: number;
    kind: 'link' | 'addr' | 'overrun' | 'gone';
    ifindex?: number;
    ifname?: string;
    action?: 'new' | 'del';
  };
  wire: { wireId: number; step: number; status: 'running' | 'done' | 'failed' | 'undone'; error?: string };
}
