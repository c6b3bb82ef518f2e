/**
 * The one contract between Dockwire's backend and every client of it.
 *
 * Each method has a params validator (run on the backend side of every
 * transport, because params arrive from a less trusted process) and typed
 * params/results. Electron's IPC handler table, the preload's exposed object,
 * the WebSocket router, the renderer's client and the CLI are all derived from
 * `methodNames`/`eventNames` and the types here; nothing names a channel by hand.
 */
import type { HelperEvents } from './helperProtocol.js';
import type { PullProgress } from './pullProgress.js';
import type { EngineStatus, Topology } from './topology.js';
import { DockwireError } from './errors.js';
import { bool, int, list, NAME_MAX, object, oneOf, str } from './schema.js';
import { ENGINE, checkConnectSpec, checkDisconnectSpec, checkNetworkSpec, checkRemoveNetworkSpec, checkRunSpec } from './specChecks.js';
import type { ConnectSpec, ContainerAction, DisconnectSpec, NetworkSpec, OnEngine, RemoveNetworkSpec, RunSpec } from './specs.js';
import type { PairCell, PairSharer, TestProgress, TestReport, TestSpec } from './testReport.js';
import type { CaptureEnd, CapturePackets, CaptureSpec, CaptureStarted, CountersSample } from './traffic.js';
import type { WirePlan, WireSpec } from './wirePlan.js';
import type { FirewallView } from './firewallView.js';
import type { AddEngineParams, EngineList } from './engineList.js';
import type { TraceReport, TraceSpec } from './trace.js';

/** A wiring step's progress, as the helper completes it. */
export type WireProgress = HelperEvents['wire'];

/** Progress of an all-pairs run on one network: a cell at a time, then the end. */
export interface AllPairsProgress {
  runId: number;
  network: string;
  total: number;
  done: number;
  cell?: PairCell;
  finished: boolean;
  cancelled: boolean;
}

export interface ImageInfo {
  id: string;
  /** repo:tag names; empty for an untagged image. */
  tags: string[];
  size: number;
}

export interface ContainerActionParams {
  container: string;
  action: ContainerAction;
  /** For stop and restart: seconds to wait before killing. */
  timeoutSeconds?: number;
}

export type InspectKind = 'container' | 'network';

export interface InspectParams {
  kind: InspectKind;
  id: string;
}

/** Every method: its params and its result. */
export interface Methods {
  /** The current Topology (waits for the first one after start). */
  getTopology: { params: Record<string, never>; result: Topology };
  /** The engine connection's state, endpoint and last error. */
  getStatus: { params: Record<string, never>; result: EngineStatus };
  /** Docker's raw inspect JSON of one container or network, for the inspector. */
  inspect: { params: InspectParams; result: unknown };
  /** The engine's local images, for the run dialog's suggestions. */
  listImages: { params: OnEngine; result: ImageInfo[] };
  /** Pulls an image unless the engine has it (credentials from the Docker config); progress comes as `pullProgress` events, and cancelPull stops it. */
  pullImage: { params: { ref: string; pullId: number } & OnEngine; result: { image: string; id: string; alreadyPresent: boolean } };
  cancelPull: { params: { pullId: number }; result: Record<string, never> };
  /** Checks and creates a network. */
  createNetwork: { params: NetworkSpec; result: { id: string; name: string } };
  /** Removes a network; optionally disconnects its containers first, reconnecting them if the removal fails. */
  removeNetwork: { params: RemoveNetworkSpec; result: { disconnected: string[] } };
  /** Checks and connects a container to a network (docker network connect). */
  connect: { params: ConnectSpec; result: Record<string, never> };
  /** Disconnects a container from a network. */
  disconnect: { params: DisconnectSpec; result: Record<string, never> };
  /** Checks, creates and starts a container; removes it again if it cannot start. */
  runContainer: { params: RunSpec; result: { id: string; name: string; command: string } };
  /** Start, stop, restart or remove a container. */
  containerAction: { params: ContainerActionParams; result: Record<string, never> };
  /** Runs DNS, route, ping, TCP and HTTP checks from inside a container, with a diagnosis; with a testId, each step comes as a `testStep` event as it is done, and cancelTest stops it. */
  test: { params: TestSpec & { testId?: number }; result: TestReport };
  cancelTest: { params: { testId: number }; result: Record<string, never> };
  /** A TCP connect (and an HTTP GET with httpPath) from the engine host to a published port: "IP:PORT" or "container:PORT". */
  testFromHost: { params: { target: string; httpPath?: string } & OnEngine; result: TestReport };
  /**
   * Follows a test's packets hop by hop (from a container, or "host"), with the firewall's counters read before and
   * after: how far they got, and the rule, chain policy, route or ARP that stopped them.
   */
  trace: { params: TraceSpec; result: TraceReport };
  /** The host's firewall, read-only: every chain and rule in iptables' words, with counters. */
  getFirewall: { params: OnEngine; result: FirewallView };
  /** Starts DNS and ping between every ordered pair of running containers on a network; progress comes as `allPairs` events. */
  /** Namespace sharers are not tested apart: each is listed with the owner whose row and column are its results. */
  startAllPairs: { params: { network: string }; result: { runId: number; total: number; containers: string[]; sharers: PairSharer[] } };
  cancelAllPairs: { params: { runId: number }; result: Record<string, never> };
  /** Wires a container to a bridge by hand (veth pair, address, route); progress comes as `wire` events. */
  wire: { params: WireSpec & { wireId: number }; result: WirePlan };
  /** Removes a hand-made interface of a container (deletes its veth pair). */
  unwire: { params: { container: string; ifname: string }; result: { deleted: string } };
  /** One sample of the traffic counters of these containers' endpoints (and hand-made links into them). */
  counters: { params: { containers: string[] }; result: CountersSample };
  /** Starts a packet capture in a container's namespace; packets come as `capturePackets` events, then `captureEnd`. */
  startCapture: { params: CaptureSpec; result: CaptureStarted };
  /** Stops a capture (its `captureEnd` follows); an unknown or finished one is nothing to do. */
  stopCapture: { params: { captureId: number }; result: Record<string, never> };
  /** The engines followed, and the Docker contexts that could be. */
  listEngines: { params: Record<string, never>; result: EngineList };
  /** Follows one more engine (a context by name, or an address), live, and remembers the choice. */
  addEngine: { params: AddEngineParams; result: EngineList };
  /** Stops following an engine (never the last), and remembers the choice. */
  removeEngine: { params: { name: string }; result: EngineList };
}

/** Every event the backend pushes, and its payload. */
export interface Events {
  topology: Topology;
  status: EngineStatus;
  allPairs: AllPairsProgress;
  wire: WireProgress;
  testStep: TestProgress;
  pullProgress: PullProgress;
  capturePackets: CapturePackets;
  captureEnd: CaptureEnd;
}

export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type Params<M extends MethodName> = Methods[M]['params'];
export type Result<M extends MethodName> = Methods[M]['result'];

/** The backend's side: one async function per method. */
export type Handlers = { [M in MethodName]: (params: Params<M>) => Promise<Result<M>> };

/** The client's side: the same methods, plus a subscription per event. */
export type DockwireClient = { [M in MethodName]: (params: Params<M>) => Promise<Result<M>> } & {
  on<E extends EventName>(event: E, listener: (data: Events[E]) => void): () => void;
};

/**
 * The largest request a transport accepts. Every string and list the
 * validators below accept is capped so that any valid request fits well within it.
 */
export const MAX_MESSAGE_BYTES = 512 * 1024;

const DOCKER_ID = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

function expectObject(params: unknown): Record<string, unknown> {
  if (params === undefined) return {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new DockwireError('bad-request', 'params must be an object');
  }
  return params as Record<string, unknown>;
}

function expectNoParams(params: unknown): Record<string, never> {
  const object = expectObject(params);
  if (Object.keys(object).length > 0) {
    throw new DockwireError('bad-request', `unexpected params: ${Object.keys(object).join(', ')}`);
  }
  return {};
}

/** Validators: untrusted input in, typed params out, or a `bad-request` error. */
export const paramValidators: { [M in MethodName]: (params: unknown) => Params<M> } = {
  getTopology: expectNoParams,
  getStatus: expectNoParams,
  inspect(params) {
    const { kind, id, ...rest } = expectObject(params);
    if (Object.keys(rest).length > 0) {
      throw new DockwireError('bad-request', `unexpected params: ${Object.keys(rest).join(', ')}`);
    }
    if (kind !== 'container' && kind !== 'network') {
      throw new DockwireError('bad-request', 'kind must be "container" or "network"');
    }
    if (typeof id !== 'string' || !DOCKER_ID.test(id)) {
      throw new DockwireError('bad-request', 'id must be a Docker name or id');
    }
    return { kind, id };
  },
  listImages: (params) => object({ engine: { optional: ENGINE } })(params ?? {}, ''),
  pullImage: (params) => object({ ref: str(512), pullId: int(0, 1_000_000_000), engine: { optional: ENGINE } })(params, ''),
  cancelPull: (params) => object({ pullId: int(0, 1_000_000_000) })(params, ''),
  createNetwork: (params) => checkNetworkSpec(params, ''),
  removeNetwork: (params) => checkRemoveNetworkSpec(params, ''),
  connect: (params) => checkConnectSpec(params, ''),
  disconnect: (params) => checkDisconnectSpec(params, ''),
  runContainer: (params) => checkRunSpec(params, ''),
  containerAction: (params) =>
    object({ container: str(NAME_MAX), action: oneOf('start', 'stop', 'restart', 'remove'), timeoutSeconds: { optional: int(0, 600) } })(
      params,
      '',
    ),
  test: (params) =>
    object({
      from: str(NAME_MAX),
      target: str(2048),
      port: { optional: int(1, 65535) },
      httpPath: { optional: str(1024) },
      testId: { optional: int(0, 1_000_000_000) },
    })(params, ''),
  cancelTest: (params) => object({ testId: int(0, 1_000_000_000) })(params, ''),
  testFromHost: (params) => object({ target: str(300), httpPath: { optional: str(1024) }, engine: { optional: ENGINE } })(params, ''),
  trace: (params) =>
    object({
      from: str(NAME_MAX),
      target: str(300),
      port: { optional: int(1, 65535) },
      proto: { optional: oneOf('icmp', 'tcp', 'udp') },
      size: { optional: int(8, 9000) },
      engine: { optional: ENGINE },
    })(params, ''),
  getFirewall: (params) => object({ engine: { optional: ENGINE } })(params ?? {}, ''),
  startAllPairs: (params) => object({ network: str(NAME_MAX) })(params, ''),
  cancelAllPairs: (params) => object({ runId: int(0, Number.MAX_SAFE_INTEGER) })(params, ''),
  wire: (params) =>
    object({
      wireId: int(0, 1_000_000_000),
      container: str(NAME_MAX),
      network: str(NAME_MAX),
      address: { optional: str(64) },
      hostIfname: { optional: str(32) },
      containerIfname: { optional: str(32) },
      route: { optional: bool },
    })(params, ''),
  unwire: (params) => object({ container: str(NAME_MAX), ifname: str(32) })(params, ''),
  counters: (params) => object({ containers: list(str(NAME_MAX), 4096) })(params, ''),
  startCapture: (params) =>
    object({
      captureId: int(1, 2 ** 31 - 1),
      container: str(NAME_MAX),
      iface: { optional: str(15) },
      filter: { optional: str(512) },
      count: { optional: int(0, 1_000_000_000) },
      seconds: { optional: int(0, 24 * 3600) },
      underlay: { optional: bool },
    })(params, ''),
  stopCapture: (params) => object({ captureId: int(1, 2 ** 31 - 1) })(params, ''),
  listEngines: expectNoParams,
  addEngine(params) {
    const checked = object({ context: { optional: ENGINE }, host: { optional: ENGINE } })(params, '');
    if ((checked.context === undefined) === (checked.host === undefined)) {
      throw new DockwireError('bad-request', 'addEngine takes a context or a host, one of them');
    }
    return checked;
  },
  removeEngine: (params) => object({ name: ENGINE })(params, ''),
};

export const methodNames = Object.keys(paramValidators) as MethodName[];

const eventRecord: { [E in EventName]: true } = {
  topology: true,
  status: true,
  allPairs: true,
  wire: true,
  testStep: true,
  pullProgress: true,
  capturePackets: true,
  captureEnd: true,
};
export const eventNames = Object.keys(eventRecord) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(paramValidators, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventRecord, name);
}
