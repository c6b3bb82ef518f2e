import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../common/contract';
import type { Topology } from '../../common/topology';
import { applyPatch, TOPOLOGY_PATCH_EVENT, type TopologyPatch } from '../../common/topologyPatch';
import { composeHostTopology } from '../../tests/fixtures/composeHost';
import { ClientSession, MAX_BUFFERED_BYTES, MAX_IN_FLIGHT, type SessionSocket } from './clientSession';

/** A socket whose sends complete only when the test says so, like a slow tab. */
function slowSocket() {
  const sent: string[] = [];
  const callbacks: Array<() => void> = [];
  const socket: SessionSocket & { buffered: number; terminated: boolean } = {
    readyState: 1,
    buffered: 0,
    terminated: false,
    get bufferedAmount() {
      return this.buffered;
    },
    send(data, callback) {
      sent.push(data);
      callbacks.push(() => callback?.());
    },
    terminate() {
      this.terminated = true;
    },
  };
  return { socket, sent, drainOne: () => callbacks.shift()?.() };
}

function fakeBackend(handlers: Partial<Handlers> = {}) {
  const listeners = new Map<string, (data: unknown) => void>();
  return {
    backend: {
      handlers: handlers as Handlers,
      on: (event: string, listener: (data: unknown) => void) => (listeners.set(event, listener), () => listeners.delete(event)),
    },
    emit: (event: string, data: unknown) => listeners.get(event)?.(data),
    listeners,
  };
}

/** The compose host's Topology at a version, its first container's state changing with it. */
const topology = (version: number): Topology => {
  const next = composeHostTopology();
  next.version = version;
  next.containers[0]!.state = version % 2 ? 'running' : 'exited';
  return next;
};

/** What the page makes of what it was sent: the whole Topology, or the last one with a patch applied. */
function received(sent: string[]): Topology[] {
  const topologies: Topology[] = [];
  for (const text of sent) {
    const { event, data } = JSON.parse(text) as { event: string; data: unknown };
    if (event === 'topology') topologies.push(data as Topology);
    if (event === TOPOLOGY_PATCH_EVENT) topologies.push(applyPatch(topologies.at(-1)!, data as TopologyPatch)!);
  }
  return topologies;
}

describe('ClientSession', () => {
  it('sends a slow tab only the newest Topology once it has taken the last, never a queue', () => {
    const { socket, sent, drainOne } = slowSocket();
    const { backend, emit } = fakeBackend();
    new ClientSession(socket, backend as never);
    for (let version = 1; version <= 50; version++) emit('topology', topology(version));
    expect(received(sent).map((t) => t.version)).toEqual([1]);
    drainOne();
    expect(received(sent).map((t) => t.version)).toEqual([1, 50]);
    drainOne();
    emit('topology', topology(51));
    expect(received(sent)).toEqual([topology(1), topology(50), topology(51)]);
  });

  it('sends the first Topology whole, and after it only what changed, as a patch against the last one sent', () => {
    const { socket, sent, drainOne } = slowSocket();
    const { backend, emit } = fakeBackend();
    new ClientSession(socket, backend as never);
    emit('topology', topology(1));
    drainOne();
    emit('topology', topology(2));
    expect(sent.map((text) => JSON.parse(text).event)).toEqual(['topology', TOPOLOGY_PATCH_EVENT]);
    expect(sent[1]!.length).toBeLessThan(sent[0]!.length / 5);
    expect(received(sent)).toEqual([topology(1), topology(2)]);
    // Another engine (the backend was pointed elsewhere): whole again.
    drainOne();
    emit('topology', { ...topology(3), engine: { ...topology(3).engine, endpoint: 'tcp://elsewhere:2375' } });
    expect(JSON.parse(sent[2]!).event).toBe('topology');
  });

  it('after the tab read the whole Topology itself, the first change pushed is a patch against what it read', async () => {
    const { socket, sent, drainOne } = slowSocket();
    const read = topology(4);
    const { backend, emit } = fakeBackend({ getTopology: async () => read });
    const session = new ClientSession(socket, backend as never);
    await session.receive(JSON.stringify({ id: 1, method: 'getTopology', params: {} }));
    drainOne();
    emit('topology', topology(5));
    const pushed = JSON.parse(sent[1]!) as { event: string; data: TopologyPatch };
    expect(pushed.event).toBe(TOPOLOGY_PATCH_EVENT);
    expect(pushed.data.base).toBe(4);
    expect(applyPatch(read, pushed.data)).toEqual(topology(5));
    // An answer older than what was pushed since is no base: the next patch is against the newer one.
    drainOne();
    await session.receive(JSON.stringify({ id: 2, method: 'getTopology', params: {} }));
    drainOne();
    emit('topology', topology(6));
    expect((JSON.parse(sent.at(-1)!) as { data: TopologyPatch }).data.base).toBe(5);
  });

  it('closes a tab that stopped reading rather than buffer without bound', () => {
    const { socket } = slowSocket();
    const { backend, emit } = fakeBackend();
    new ClientSession(socket, backend as never);
    socket.buffered = MAX_BUFFERED_BYTES + 1;
    emit('allPairs', { runId: 1 });
    expect(socket.terminated).toBe(true);
  });

  it(`answers "busy" past ${MAX_IN_FLIGHT} calls in flight, and takes calls again once they finish`, async () => {
    const { socket, sent } = slowSocket();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { backend } = fakeBackend({ getStatus: async () => (await gate, { state: 'live' }) as never });
    const session = new ClientSession(socket, backend as never);
    const calls = Array.from({ length: MAX_IN_FLIGHT + 2 }, (_, i) =>
      session.receive(JSON.stringify({ id: i + 1, method: 'getStatus', params: {} })),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const busy = sent.map((text) => JSON.parse(text)).filter((m) => m.reply?.error?.code === 'busy');
    expect(busy.map((m) => m.id)).toEqual([MAX_IN_FLIGHT + 1, MAX_IN_FLIGHT + 2]);
    release();
    await Promise.all(calls);
    await session.receive(JSON.stringify({ id: 99, method: 'getStatus', params: {} }));
    expect(JSON.parse(sent.at(-1)!)).toMatchObject({ id: 99, reply: { ok: true } });
  });

  it('unsubscribes from every event when the tab goes', () => {
    const { socket } = slowSocket();
    const { backend, listeners } = fakeBackend();
    const session = new ClientSession(socket, backend as never);
    expect(listeners.size).toBeGreaterThan(0);
    session.close();
    expect(listeners.size).toBe(0);
  });
});

describe('a message the contract refuses', () => {
  // {"id":1,"method":"stopCapture"} once read .captureId of undefined in a promise nobody awaited: Node exited.
  it.each([undefined, null, 7, 'x', [], { captureId: 'one' }])(
    'stopCapture with params %j gets an error reply, and nothing is stopped',
    async (params) => {
      const stopped: unknown[] = [];
      const { backend } = fakeBackend({ stopCapture: async (p) => (stopped.push(p), {}) });
      const { socket, sent } = slowSocket();
      const session = new ClientSession(socket, backend as never);
      await expect(session.receive(JSON.stringify({ id: 1, method: 'stopCapture', params }))).resolves.toBeUndefined();
      expect(JSON.parse(sent[0]!)).toMatchObject({ id: 1, reply: { ok: false, error: { code: 'bad-request' } } });
      expect(stopped).toEqual([]);
    },
  );

  it('a handler that throws something odd is an error reply, never a rejection', async () => {
    const { backend } = fakeBackend({ getStatus: () => Promise.reject(Object.create(null)) });
    const { socket, sent } = slowSocket();
    await new ClientSession(socket, backend as never).receive(JSON.stringify({ id: 2, method: 'getStatus', params: {} }));
    expect(JSON.parse(sent[0]!)).toMatchObject({ id: 2, reply: { ok: false } });
  });
});

describe('captures belong to the tab that started them', () => {
  /** One backend, many tabs: every listener of an event is called, as the real backend does. */
  function sharedBackend() {
    const listeners = new Map<string, Set<(data: unknown) => void>>();
    const started: number[] = [];
    const stopped: number[] = [];
    const backend = {
      handlers: {
        startCapture: async (spec: { captureId: number }) => (
          started.push(spec.captureId),
          { captureId: spec.captureId, containerId: 'c', containerName: 'c', ifname: 'eth0', snaplen: 256 }
        ),
        stopCapture: async (p: { captureId: number }) => (stopped.push(p.captureId), {}),
      } as unknown as Handlers,
      on: (event: string, listener: (data: unknown) => void) => {
        const set = listeners.get(event) ?? listeners.set(event, new Set()).get(event)!;
        set.add(listener);
        return () => set.delete(listener);
      },
    };
    const emit = (event: string, data: unknown) => listeners.get(event)?.forEach((listener) => listener(data));
    return { backend, emit, started, stopped };
  }
  const packetsOf = (sent: string[]) => sent.map((text) => JSON.parse(text)).filter((m) => m.event === 'capturePackets');

  it('two tabs that both start "capture 7" get one capture each, and each sees only its own packets, under its own id', async () => {
    const { backend, emit, started, stopped } = sharedBackend();
    const [a, b] = [slowSocket(), slowSocket()];
    const tabA = new ClientSession(a.socket, backend as never);
    const tabB = new ClientSession(b.socket, backend as never);
    for (const tab of [tabA, tabB])
      await tab.receive(JSON.stringify({ id: 1, method: 'startCapture', params: { captureId: 7, container: 'web' } }));
    expect(new Set(started).size).toBe(2);
    expect(JSON.parse(a.sent[0]!).reply.result.captureId).toBe(7);
    const [idA, idB] = started as [number, number];
    emit('capturePackets', { captureId: idA, packets: [{ timeUs: 1, length: 60, data: 'AA==' }], dropped: 0 });
    emit('capturePackets', { captureId: idB, packets: [{ timeUs: 2, length: 60, data: 'AA==' }], dropped: 0 });
    expect(packetsOf(a.sent).map((m) => [m.data.captureId, m.data.packets[0].timeUs])).toEqual([[7, 1]]);
    expect(packetsOf(b.sent).map((m) => [m.data.captureId, m.data.packets[0].timeUs])).toEqual([[7, 2]]);
    // Tab B stops its 7: only B's capture stops; then tab A goes, and A's is stopped.
    await tabB.receive(JSON.stringify({ id: 2, method: 'stopCapture', params: { captureId: 7 } }));
    expect(stopped).toEqual([idB]);
    tabA.close();
    expect(stopped).toEqual([idB, idA]);
  });

  it('a tab cannot stop a capture it did not start', async () => {
    const { backend, started, stopped } = sharedBackend();
    const [a, b] = [slowSocket(), slowSocket()];
    await new ClientSession(a.socket, backend as never).receive(
      JSON.stringify({ id: 1, method: 'startCapture', params: { captureId: 3, container: 'web' } }),
    );
    await new ClientSession(b.socket, backend as never).receive(
      JSON.stringify({ id: 1, method: 'stopCapture', params: { captureId: started[0] } }),
    );
    expect(stopped).toEqual([]);
  });
});
