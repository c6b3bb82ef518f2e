import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isNotFound } from './engineErrors.js';
import { CallTimeoutError } from './callDeadlines.js';
import { EngineHttpError, PIPELINE_DEPTH, SocketGets } from './socketGets.js';

/** A stand-in engine on a Unix socket: answers each request line with what `answer` says (null: silence). */
async function fakeEngine(answer: (path: string) => string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'dockwire-gets-'));
  const path = join(dir, 'engine.sock');
  const connections: Socket[] = [];
  /** How many whole requests each read from a connection held (more than one: they were sent ahead). */
  const requestsPerRead: number[] = [];
  const server: Server = createServer((socket) => {
    connections.push(socket);
    let received = '';
    socket.on('data', (bytes) => {
      received += bytes.toString('latin1');
      let end = received.indexOf('\r\n\r\n');
      let requests = 0;
      while (end >= 0) {
        const requestPath = received.split(' ')[1] ?? '';
        received = received.slice(end + 4);
        requests++;
        const reply = answer(requestPath);
        if (reply === CLOSE_AFTER) socket.end(json(200, { path: requestPath }, 'Connection: close\r\n'));
        else if (reply !== null && !socket.writableEnded) socket.write(reply);
        end = received.indexOf('\r\n\r\n');
      }
      requestsPerRead.push(requests);
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    path,
    connections,
    requestsPerRead,
    close: () => {
      server.close();
      connections.forEach((socket) => socket.destroy());
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const json = (status: number, body: unknown, extraHeaders = '') => {
  const text = JSON.stringify(body);
  return `HTTP/1.1 ${status} X\r\nContent-Type: application/json\r\n${extraHeaders}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
};
/** What an answer function returns for: answer this one with Connection: close, and close (what was sent behind it is lost). */
const CLOSE_AFTER = 'close-after';

let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((done) => done());
  cleanup = [];
});

async function setUp(answer: (path: string) => string | null, maxConnections = 4, timeoutMs = 2000) {
  const engine = await fakeEngine(answer);
  const gets = new SocketGets(engine.path, maxConnections, timeoutMs);
  cleanup.push(() => gets.close(), engine.close);
  return { engine, gets };
}

describe('SocketGets', () => {
  it('answers many GETs over a few kept-alive connections, each with its own JSON', async () => {
    const { engine, gets } = await setUp((path) => json(200, { path }));
    const paths = Array.from({ length: 50 }, (_, i) => `/containers/c${i}/json`);
    const answers = await Promise.all(paths.map((path) => gets.get(path)));
    expect(answers).toEqual(paths.map((path) => ({ path })));
    expect(engine.connections.length).toBeLessThanOrEqual(4);
  });

  it('sends calls ahead on a connection, and matches each answer to its call in order', async () => {
    const { engine, gets } = await setUp((path) => json(200, { path }), 1);
    const paths = Array.from({ length: 3 * PIPELINE_DEPTH }, (_, i) => `/containers/c${i}/json`);
    const answers = await Promise.all(paths.map((path) => gets.get(path)));
    expect(answers).toEqual(paths.map((path) => ({ path })));
    expect(engine.connections.length).toBe(1);
    expect(Math.max(...engine.requestsPerRead)).toBeGreaterThan(8); // not one write per request
  });

  it('when the engine closes a connection after an answer, the calls sent behind it go again on a fresh one', async () => {
    let calls = 0;
    const { engine, gets } = await setUp((path) => (++calls === 3 ? CLOSE_AFTER : json(200, { path })), 1);
    const paths = Array.from({ length: 10 }, (_, i) => `/containers/c${i}/json`);
    const answers = await Promise.all(paths.map((path) => gets.get(path)));
    expect(answers).toEqual(paths.map((path) => ({ path })));
    expect(engine.connections.length).toBe(2);
  });

  it('a call sent again after such a close keeps no deadline from its first connection', async () => {
    let calls = 0;
    const { gets } = await setUp((path) => (++calls === 1 ? CLOSE_AFTER : path.startsWith('/hold') ? null : json(200, { path })), 1, 300);
    await Promise.all(['/containers/a/json', '/containers/b/json'].map((path) => gets.get(path))); // b: sent again
    await new Promise((resolve) => setTimeout(resolve, 150));
    // Some in flight, some waiting behind them: none may fail before its own deadline (300 ms from now).
    const asked = Date.now();
    const failedAt = await Promise.all(
      Array.from({ length: 2 * PIPELINE_DEPTH }, (_, i) => gets.get(`/hold/${i}`).catch(() => Date.now() - asked)),
    );
    expect(Math.min(...(failedAt as number[]))).toBeGreaterThanOrEqual(250);
  });

  it("fails a refusal as dockerode does: statusCode and the engine's message; a 404 reads as gone", async () => {
    const { gets } = await setUp(() => json(404, { message: 'No such container: nope' }));
    const error = await gets.get('/containers/nope/json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineHttpError);
    expect((error as EngineHttpError).message).toBe('(HTTP code 404) No such container: nope');
    expect(isNotFound(error)).toBe(true);
  });

  it('after garbage from the engine, fails that call and answers the next on a fresh connection', async () => {
    let calls = 0;
    const { engine, gets } = await setUp(() => (++calls === 1 ? 'SSH-2.0-not-http\r\n\r\n' : json(200, { ok: true })), 1);
    await expect(gets.get('/containers/a/json')).rejects.toThrow(/not HTTP/);
    await expect(gets.get('/containers/b/json')).resolves.toEqual({ ok: true });
    expect(engine.connections.length).toBe(2);
  });

  it('fails a call the engine never answers with ETIMEDOUT, and goes on answering', async () => {
    let calls = 0;
    const { gets } = await setUp(() => (++calls === 1 ? null : json(200, { ok: true })), 1, 200);
    const error = await gets.get('/containers/slow/json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallTimeoutError);
    expect((error as CallTimeoutError).code).toBe('ETIMEDOUT');
    await expect(gets.get('/containers/b/json')).resolves.toEqual({ ok: true });
  });

  it('when one call times out, fails the calls still waiting at once instead of one deadline after another', async () => {
    const { gets } = await setUp(() => null, 1, 200);
    const started = Date.now();
    const paths = Array.from({ length: 2 * PIPELINE_DEPTH }, (_, i) => `/containers/${i}/json`); // some sent, some waiting
    const errors = await Promise.all(paths.map((path) => gets.get(path).catch((e: unknown) => e)));
    expect(errors.every((e) => e instanceof CallTimeoutError)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2 * 200); // one deadline for all, not one after another
  });

  it('fails every waiting call with the socket error when no engine listens', async () => {
    const gets = new SocketGets(join(tmpdir(), 'dockwire-no-such-engine.sock'), 2);
    const errors = await Promise.all([1, 2, 3].map((i) => gets.get(`/containers/${i}/json`).catch((e: unknown) => e)));
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['ENOENT', 'ENOENT', 'ENOENT']);
  });
});
