/**
 * One browser tab on the WebSocket: requests in, replies and pushed events out,
 * bounded on both sides. Requests: at most MAX_IN_FLIGHT answered at once per
 * tab, each message at most MAX_MESSAGE_BYTES (the contract's own validators
 * refuse anything longer within that). Pushes: the Topology and the engine
 * status are "latest wins", so a slow tab receives the newest one once it has
 * taken the last, never a queue of stale ones (the Topology, after the first,
 * as a patch against the last one sent); other events are dropped with the tab
 * when it falls too far behind. Captures are the tab's own (./sessionCaptures.ts).
 */
import { MAX_MESSAGE_BYTES, eventNames, paramValidators, type EventName, type Events } from '../../common/contract.js';
import { dispatch } from '../../common/dispatch.js';
import { toErrorData, type Reply } from '../../common/errors.js';
import type { Topology } from '../../common/topology.js';
import { makePatch, newerBase, TOPOLOGY_PATCH_EVENT } from '../../common/topologyPatch.js';
import type { Backend } from '../backend.js';
import { SessionCaptures } from './sessionCaptures.js';

/** Calls answered at once per tab; more get a `busy` reply. */
export const MAX_IN_FLIGHT = 16;
/** A tab that has this much unsent data is not reading: it is closed (it reconnects and re-reads). */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const LATEST_WINS: ReadonlySet<EventName> = new Set<EventName>(['status']);

/** What a session needs of a WebSocket (ws's WebSocket has it). */
export interface SessionSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string, callback?: (error?: Error) => void): void;
  terminate(): void;
}

const OPEN = 1;

export class ClientSession {
  private inFlight = 0;
  /** Per latest-wins event: a send is under way, and the newest payload waiting behind it. */
  private readonly sending = new Map<EventName, { waiting: string | null }>();
  private readonly unsubscribes: Array<() => void>;
  /** The Topology last sent to this tab (what the next patch is made against), one being sent, and the newest waiting. */
  private sentTopology: Topology | null = null;
  private sendingTopology = false;
  private waitingTopology: Topology | null = null;
  /** Captures this tab started: a tab that goes (closed, or cut off for not reading) stops them. */
  private readonly captures = new SessionCaptures();

  constructor(
    private readonly socket: SessionSocket,
    private readonly backend: Pick<Backend, 'handlers' | 'on'>,
  ) {
    this.unsubscribes = eventNames.map((event) => backend.on(event, (data) => this.push(event, data)));
  }

  close(): void {
    this.unsubscribes.forEach((unsubscribe) => unsubscribe());
    for (const captureId of this.captures.running()) {
      this.captures.forget(captureId);
      void this.backend.handlers.stopCapture({ captureId }).catch(() => {});
    }
  }

  /** One message from the tab. Never throws: every problem becomes an error reply. */
  async receive(raw: Buffer | string): Promise<void> {
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return this.reply(null, { ok: false, error: { code: 'bad-request', message: 'not JSON' } });
    }
    const { id, method, params } = (typeof message === 'object' && message !== null ? message : {}) as {
      id?: unknown;
      method?: unknown;
      params?: unknown;
    };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      return this.reply(null, { ok: false, error: { code: 'bad-request', message: 'a request needs a numeric id' } });
    }
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
      return this.reply(id, { ok: false, error: { code: 'bad-request', message: `request larger than ${MAX_MESSAGE_BYTES} bytes` } });
    }
    if (this.inFlight >= MAX_IN_FLIGHT) {
      return this.reply(id, {
        ok: false,
        error: { code: 'busy', message: `more than ${MAX_IN_FLIGHT} calls at once: wait for some to finish` },
      });
    }
    this.inFlight++;
    try {
      const reply = await this.call(method, params);
      // The tab now has this Topology too: the next one pushed can be a patch against it.
      if (method === 'getTopology' && reply.ok) this.sentTopology = newerBase(this.sentTopology, reply.result as Topology);
      this.reply(id, reply);
    } catch (error) {
      // Nothing above should throw; if it does, the tab gets an error reply and the server lives on.
      this.reply(id, { ok: false, error: toErrorData(error) });
    } finally {
      this.inFlight--;
    }
  }

  /**
   * Dispatches one call; a capture's id is the tab's, so it is put into server ids on the way in and back on the
   * way out, once the contract has accepted the params (before that they are whatever the tab sent).
   */
  private async call(method: unknown, params: unknown): Promise<Reply<unknown>> {
    if (method !== 'startCapture' && method !== 'stopCapture') return dispatch(this.backend.handlers, method, params);
    let accepted: { captureId: number };
    try {
      accepted = paramValidators[method](params) as { captureId: number };
    } catch {
      return dispatch(this.backend.handlers, method, params); // its error reply
    }
    if (method === 'stopCapture') {
      const serverId = this.captures.serverIdOf(accepted.captureId);
      if (serverId === null) return { ok: true, result: {} }; // ended already, or never this tab's: nothing of its to stop
      return dispatch(this.backend.handlers, method, { ...accepted, captureId: serverId });
    }
    const serverId = this.captures.begin(accepted.captureId);
    const reply = await dispatch(this.backend.handlers, method, { ...accepted, captureId: serverId });
    if (!reply.ok) {
      this.captures.forget(serverId);
      return reply;
    }
    return { ok: true, result: { ...(reply.result as object), captureId: accepted.captureId } };
  }

  /** A message too large even to read (past the socket's hard limit). */
  tooLarge(): void {
    this.reply(null, { ok: false, error: { code: 'bad-request', message: `request larger than ${MAX_MESSAGE_BYTES} bytes` } });
  }

  private reply(id: number | null, reply: Reply<unknown>): void {
    this.send(JSON.stringify({ id, reply }));
  }

  private push<E extends EventName>(event: E, data: Events[E]): void {
    if (event === 'capturePackets' || event === 'captureEnd')
      return this.pushCapture(event, data as Events['captureEnd' | 'capturePackets']);
    if (event === 'topology') return this.pushTopology(data as Topology);
    const text = JSON.stringify({ event, data });
    if (!LATEST_WINS.has(event)) return this.send(text);
    const inProgress = this.sending.get(event);
    if (inProgress) {
      inProgress.waiting = text;
      return;
    }
    this.sendLatest(event, text);
  }

  /** A capture's packets or end, only to the tab that started it, under the tab's own id. */
  private pushCapture(event: 'capturePackets' | 'captureEnd', data: Events['captureEnd' | 'capturePackets']): void {
    const clientId = this.captures.clientIdFor(data.captureId);
    if (clientId === null) return;
    if (event === 'captureEnd') this.captures.forget(data.captureId);
    this.send(JSON.stringify({ event, data: { ...data, captureId: clientId } }));
  }

  /**
   * The Topology, latest wins like the status; after the first, as a patch against the one this tab was sent last
   * (the page applies it, or asks for the whole one if it cannot), so a change costs what changed, not 500 KB.
   */
  private pushTopology(topology: Topology): void {
    this.waitingTopology = topology;
    if (!this.sendingTopology) this.sendTopology();
  }

  private sendTopology(): void {
    const topology = this.waitingTopology;
    if (!topology) return;
    this.waitingTopology = null;
    const base = this.sentTopology;
    const text =
      base && base.engine.endpoint === topology.engine.endpoint
        ? JSON.stringify({ event: TOPOLOGY_PATCH_EVENT, data: makePatch(base, topology) })
        : JSON.stringify({ event: 'topology', data: topology });
    this.sentTopology = topology;
    this.sendingTopology = true;
    this.send(text, () => {
      this.sendingTopology = false;
      this.sendTopology();
    });
  }

  private sendLatest(event: EventName, text: string): void {
    const state = { waiting: null as string | null };
    this.sending.set(event, state);
    this.send(text, () => {
      this.sending.delete(event);
      if (state.waiting !== null) this.sendLatest(event, state.waiting);
    });
  }

  private send(text: string, done?: () => void): void {
    if (this.socket.readyState !== OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.terminate();
      return;
    }
    this.socket.send(text, () => done?.());
  }
}
