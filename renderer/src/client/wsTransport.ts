/**
 * Browser mode: one WebSocket to the server that served this page, carrying
 * this launch's token (the page's cookie). If the server goes away, pending calls fail, the UI is
 * told, and the socket is reopened with backoff; the server pushes fresh state
 * to every new socket's listeners once the page asks for it again.
 */
import { MAX_MESSAGE_BYTES, type EventName, type Events, type MethodName } from '../../../common/contract';
import type { Reply } from '../../../common/errors';
import type { Topology } from '../../../common/topology';
import { applyPatch, newerBase, TOPOLOGY_PATCH_EVENT, type TopologyPatch } from '../../../common/topologyPatch';
import { createInbox } from './inbox';
import type { SocketState, Transport } from './transport';

const RETRY_MS = [250, 500, 1000, 2000, 4000];
/** A message past this (a whole Topology of about 150 containers) is handed on in a task of its own (./inbox.ts). */
const BIG_MESSAGE_CHARS = 256 * 1024;

/** What the server sends: a reply to a call (by id), or an event. */
type ServerMessage = { id?: number; reply?: Reply<unknown>; event?: string; data?: unknown };

export function createWsTransport(url: string): Transport {
  const eventListeners = new Map<string, Set<(data: unknown) => void>>();
  const socketListeners = new Set<(state: SocketState) => void>();
  const pending = new Map<number, (reply: Reply<unknown>) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let attempt = 0;
  let state: SocketState = 'connecting';
  const waiting: Array<() => void> = [];
  /** The last Topology pushed on this socket: what the server's next patch applies to. */
  let received: Topology | null = null;

  const emit = (event: string, data: unknown) => eventListeners.get(event)?.forEach((listener) => listener(data));
  const inbox = createInbox();

  // A patch that does not fit what this page has (it should not happen) is answered by reading the whole Topology.
  const receivePatch = (patch: TopologyPatch) => {
    const next = received ? applyPatch(received, patch) : null;
    if (next) {
      received = next;
      return emit('topology', next);
    }
    void transport.call('getTopology', {}).then((reply) => {
      if (reply.ok) emit('topology', reply.result as Topology);
    });
  };

  const setState = (next: SocketState) => {
    state = next;
    for (const listener of socketListeners) listener(next);
  };

  const deliver = (data: ServerMessage) => {
    if (typeof data.id === 'number' && data.reply) {
      pending.get(data.id)?.(data.reply);
      pending.delete(data.id);
    } else if (data.event === TOPOLOGY_PATCH_EVENT) {
      receivePatch(data.data as TopologyPatch);
    } else if (data.event) {
      if (data.event === 'topology') received = data.data as Topology;
      emit(data.event, data.data);
    }
  };

  const open = () => {
    const ws = new WebSocket(url);
    let closed = false;
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
      waiting.splice(0).forEach((send) => send());
    };
    ws.onmessage = (message) => {
      const text = String(message.data);
      let data: ServerMessage;
      try {
        data = JSON.parse(text) as ServerMessage;
      } catch {
        return;
      }
      // Whatever of a closed socket still waits is dropped: its calls were answered as failed, and its
      // Topology is no base for the next socket's patches.
      inbox.handOn(() => {
        if (!closed) deliver(data);
      }, text.length > BIG_MESSAGE_CHARS);
    };
    ws.onclose = () => {
      closed = true;
      // The next socket's session starts with a whole Topology: no patch is made against this one.
      received = null;
      for (const resolve of pending.values()) {
        resolve({ ok: false, error: { code: 'engine-unreachable', message: 'the page’s socket to the Dockwire server closed' } });
      }
      pending.clear();
      setState('closed');
      const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)];
      setTimeout(open, delay);
    };
  };
  open();

  const transport: Transport = {
    call(method: MethodName, params: unknown) {
      return new Promise((resolve) => {
        const id = nextId++;
        const text = JSON.stringify({ id, method, params });
        // Say so here rather than have the server drop a message it will not read.
        if (new TextEncoder().encode(text).length > MAX_MESSAGE_BYTES) {
          return resolve({
            ok: false,
            error: { code: 'bad-request', message: `This request is larger than ${MAX_MESSAGE_BYTES / 1024} KiB: shorten what you typed.` },
          });
        }
        const send = () => {
          // A whole Topology read is what the server's next patch may be made against (the same rule as its own).
          const adopt = (reply: Reply<unknown>) => {
            if (reply.ok) received = newerBase(received, reply.result as Topology);
            resolve(reply);
          };
          pending.set(id, method === 'getTopology' ? adopt : resolve);
          socket?.send(text);
        };
        if (state === 'open' && socket?.readyState === WebSocket.OPEN) send();
        else waiting.push(send);
      });
    },
    on<E extends EventName>(event: E, listener: (data: Events[E]) => void) {
      const set = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, set);
      set.add(listener as (data: unknown) => void);
      return () => set.delete(listener as (data: unknown) => void);
    },
    onSocketState(listener) {
      socketListeners.add(listener);
      listener(state);
      return () => socketListeners.delete(listener);
    },
  };
  return transport;
}

/** The WebSocket URL for the page this server served: the launch's token goes with it as the page's HttpOnly cookie. */
export function socketUrlFor(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws`;
}
