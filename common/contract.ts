/**
 * The one contract between Dockwire's backend and every client of it.
 *
 * Each method has a params validator (run on the backend side of every
 * transport, because params arrive from a less trusted process) and typed
 * params/results. Electron's IPC handler table, the preload's exposed object,
 * the WebSocket router, the renderer's client and the CLI are all derived from
 * `methodNames`/`eventNames` and the types here; nothing names a channel by hand.
 */
import type { EngineStatus, Topology } from './topology.js';
import { DockwireError } from './errors.js';

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
}

/** Every event the backend pushes, and its payload. */
export interface Events {
  topology: Topology;
  status: EngineStatus;
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
};

export const methodNames = Object.keys(paramValidators) as MethodName[];

const eventRecord: { [E in EventName]: true } = { topology: true, status: true };
export const eventNames = Object.keys(eventRecord) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(paramValidators, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventRecord, name);
}
