import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineStatus, Topology } from '../../common/topology';
import { askWarm } from '../cli/warmTopology';
import { privateSocketDir, untrustedReason, warmSocketPath } from '../util/privateSocket';
import { startWarmAnswers, type WarmAnswers } from './warmAnswers';

const uid = process.getuid!();
let runtime: string;
let answers: WarmAnswers | null;

/** A backend as the warm server sees one: a status, a Topology, and settle. Pure stand-in; the real one is in tests/integration/warm.test.ts. */
function fakeBackend(overrides: { state?: EngineStatus['state']; helperMode?: string; settle?: () => Promise<void> } = {}) {
  const topology = {
    version: 7,
    engine: { endpoint: 'unix:///fake.sock' },
    helper: { mode: overrides.helperMode ?? 'container', reason: overrides.helperMode ? 'turned off' : null },
    containers: [{ name: 'web\u001b[31m' }],
  } as unknown as Topology;
  return {
    engineUrl: 'unix:///fake.sock',
    settle: overrides.settle ?? (async () => {}),
    handlers: {
      getStatus: async () => ({ state: overrides.state ?? 'live', error: null }) as EngineStatus,
      getTopology: async () => topology,
    },
    topology,
  };
}

/** Sends raw bytes and returns everything the server says before it closes. */
function exchange(path: string, bytes: string | Buffer, endAfter = false): Promise<string> {
  return new Promise((resolve, reject) => {
    let heard = '';
    const socket = connect(path, () => {
      socket.write(bytes);
      if (endAfter) socket.end();
    });
    socket.on('data', (chunk) => (heard += chunk.toString()));
    socket.on('close', () => resolve(heard));
    socket.on('error', reject);
  });
}

beforeEach(() => {
  runtime = mkdtempSync(join(tmpdir(), 'dw-warm-'));
  answers = null;
});
afterEach(async () => {
  await answers?.close();
  rmSync(runtime, { recursive: true, force: true });
});

const start = async (backend: ReturnType<typeof fakeBackend>) => {
  answers = await startWarmAnswers(backend as never, { env: { XDG_RUNTIME_DIR: runtime }, uid });
  return answers;
};

describe('the warm path', () => {
  it('answers with the Topology exactly as topology --json prints it, over a 0600 socket in a 0700 folder', async () => {
    const backend = fakeBackend();
    const { path } = await start(backend);
    expect(path).toBe(warmSocketPath(join(runtime, 'dockwire'), 'unix:///fake.sock'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(runtime, 'dockwire')).mode & 0o777).toBe(0o700);
    const answer = await askWarm(path, 'unix:///fake.sock');
    expect(answer.ok && answer.body.toString()).toBe(JSON.stringify(backend.topology, null, 2));
  });

  it('waits for the live model to take in what it has received before answering', async () => {
    const order: string[] = [];
    const backend = fakeBackend({
      settle: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push('settled');
      },
    });
    const { path } = await start(backend);
    const answer = await askWarm(path, 'unix:///fake.sock');
    order.push('answered');
    expect(answer.ok).toBe(true);
    expect(order).toEqual(['settled', 'answered']);
  });

  it('says no, and why, when the engine is not live or the kernel view is not running: the CLI then reads afresh', async () => {
    const { path } = await start(fakeBackend({ state: 'reconnecting' }));
    expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'the engine is reconnecting here' });
    await answers!.close();
    const second = await start(fakeBackend({ helperMode: 'off' }));
    expect(await askWarm(second.path, 'unix:///fake.sock')).toEqual({
      ok: false,
      reason: 'the kernel view is not running here (turned off)',
    });
  });

  it('refuses garbage, a line too long and a silent client, and still answers the next request', async () => {
    const { path } = await start(fakeBackend());
    expect(await exchange(path, 'GET / HTTP/1.1\r\n\r\n')).toBe('{"ok":false,"reason":"not a request"}\n');
    expect(await exchange(path, Buffer.alloc(100_000, 0xff))).toBe('{"ok":false,"reason":"not a request"}\n');
    expect(await exchange(path, 'topo', true)).toBe('');
    // Says nothing at all: dropped after a second, not held open.
    const started = Date.now();
    expect(await exchange(path, '')).toBe('');
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await askWarm(path, 'unix:///fake.sock')).ok).toBe(true);
  });

  it('replaces a socket a dead Dockwire left, but not one a live Dockwire answers on', async () => {
    const dir = join(runtime, 'dockwire');
    mkdirSync(dir, { mode: 0o700 });
    const path = warmSocketPath(dir, 'unix:///fake.sock');
    writeFileSync(path, ''); // what a crash leaves: a file nobody listens on
    await start(fakeBackend());
    expect((await askWarm(path, 'unix:///fake.sock')).ok).toBe(true);
    await expect(startWarmAnswers(fakeBackend() as never, { env: { XDG_RUNTIME_DIR: runtime }, uid })).rejects.toThrow(
      /another Dockwire already answers/,
    );
    expect((await askWarm(path, 'unix:///fake.sock')).ok).toBe(true);
  });

  it('will not use a folder others can enter, or one that is not a folder', () => {
    const dir = join(runtime, 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(untrustedReason(dir, uid)).toMatch(/open to others \(mode 777\)/);
    expect(untrustedReason(dir, uid + 1)).toMatch(/belongs to uid/);
    writeFileSync(join(runtime, 'file'), '');
    expect(untrustedReason(join(runtime, 'file'), uid)).toMatch(/is not a folder/);
    expect(privateSocketDir({ XDG_RUNTIME_DIR: 'relative' }, 1000)).toBe(join(tmpdir(), 'dockwire-1000'));
  });

  it('the client gives up on a server that lies about its answer, or says nothing', async () => {
    const path = join(runtime, 'liar.sock');
    const engine = '"engine":"unix:///fake.sock"';
    const replies = [
      `{"ok":true,${engine},"bytes":10}\nshort`,
      `{"ok":true,${engine},"bytes":-1}\n`,
      'x'.repeat(5000),
      `{"ok":true,${engine},"bytes":2}\n{}{}{}`,
      '{"ok":true,"engine":"tcp://elsewhere:2376","bytes":2}\n{}',
      'never',
    ];
    const server = createServer((socket) => {
      const reply = replies.shift()!;
      if (reply === 'never') return; // holds the connection open, silent
      socket.end(reply);
    });
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'its answer was cut short' });
      expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'its answer was not one' });
      expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'its answer was not one' });
      expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'its answer was longer than it said' });
      expect(await askWarm(path, 'unix:///fake.sock')).toEqual({ ok: false, reason: 'it follows another engine (tcp://elsewhere:2376)' });
      expect(await askWarm(path, 'unix:///fake.sock', 300)).toEqual({ ok: false, reason: 'no answer within 300 ms' });
    } finally {
      server.close();
    }
    expect(await askWarm(join(runtime, 'nobody.sock'), 'unix:///fake.sock')).toEqual({
      ok: false,
      reason: 'no Dockwire is running for it',
    });
  });
});
