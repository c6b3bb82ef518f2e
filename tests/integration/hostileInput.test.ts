/**
 * Browser mode under hostile input: every case is sent to a real `dockwire
 * serve` process, then the page and a getTopology call must still answer. A
 * crash, a hang or a refused page fails the case that caused it.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_HTTP_SOCKETS, MAX_WEBSOCKETS } from '../../backend/server/server';
import { methodNames } from '../../common/contract';
import { startServeProcess, type ServeProcess } from '../support/serve';

let server: ServeProcess;
const origin = () => `http://127.0.0.1:${server.port}`;

beforeAll(async () => {
  server = await startServeProcess();
});

afterAll(() => server?.stop());

/** Sends raw bytes and returns the status line (or '' when the server just closed). */
function raw(bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('error', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

const get = (path: string) =>
  raw(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${server.cookie}\r\nConnection: close\r\n\r\n`);

function page(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/',
        headers: { host: `127.0.0.1:${server.port}`, cookie: server.cookie },
        timeout: 5000,
        // A fresh connection each time, as a new tab makes: a kept-alive one may be what a flood just evicted.
        agent: false,
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('the page did not answer within 5 s')));
    req.end();
  });
}

function openSocket(token = server.token, from = origin()): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, { origin: from });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Sends one frame and returns the first reply (by id, or the id-less error reply). */
function call(
  ws: WebSocket,
  frame: string,
  id: number | null,
): Promise<{ id: number | null; reply: { ok: boolean; error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data));
      if (!('reply' in message) || message.id !== id) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(message);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

/** After every case: the page loads and the contract answers on a fresh socket. */
async function stillAnswers(): Promise<void> {
  expect(server.child.exitCode, `dockwire serve exited:\n${server.output()}`).toBeNull();
  expect(await page()).toBe(200);
  const ws = await openSocket();
  const answer = await call(ws, JSON.stringify({ id: 1, method: 'getTopology', params: {} }), 1);
  expect(answer.reply.ok).toBe(true);
  ws.close();
}

describe('browser mode under hostile HTTP', () => {
  it.each([
    ['a lone %', '/%', '400'],
    ['a cut escape', '/%E0%A4%A', '400'],
    ['an escaped NUL', '/index.html%00.js', '400'],
    ['traversal', '/../../etc/passwd', '404'],
    ['escaped traversal', '/%2e%2e/%2e%2e/etc/passwd', '404'],
    ['an absolute URL that cannot parse', 'http://[', '400'],
  ])('%s gets a 4xx and the server answers after it', async (_name, path, status) => {
    expect(await get(path)).toContain(status);
    await stillAnswers();
  });

  it('refuses other methods, other hosts, no host, and garbage on the wire', async () => {
    expect(
      await raw(
        `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${server.cookie}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
    ).toContain('405');
    expect(await raw(`GET / HTTP/1.1\r\nHost: evil.example:${server.port}\r\nConnection: close\r\n\r\n`)).toContain('421');
    expect(await raw('GET / HTTP/1.1\r\nConnection: close\r\n\r\n')).toContain('400');
    expect(await raw(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]))).toContain('400');
    expect(await raw(`GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`)).toMatch(/431|400/);
    await stillAnswers();
  });

  it(`keeps answering the page with 300 idle sockets open (at most ${MAX_HTTP_SOCKETS} kept)`, async () => {
    const idle: Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      idle.push(socket);
    }
    await Promise.all(
      idle.map((socket) => new Promise((resolve) => (socket.connecting ? socket.once('connect', resolve) : resolve(null)))),
    );
    // Let the server accept them all: a page arriving amid the flood is a socket like the others.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillAnswers();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(idle.filter((socket) => !socket.destroyed && !socket.readableEnded).length).toBeLessThanOrEqual(MAX_HTTP_SOCKETS);
    idle.forEach((socket) => socket.destroy());
  });

  // A reader with no window holds its socket while the server has more to send: busy, never idle.
  it(`keeps answering the page with 300 readers stalled on the largest asset (at most ${MAX_HTTP_SOCKETS} kept)`, async () => {
    const index = await new Promise<string>((resolve, reject) =>
      request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/',
          headers: { host: `127.0.0.1:${server.port}`, cookie: server.cookie },
          agent: false,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      )
        .on('error', reject)
        .end(),
    );
    const script = `/${/src="\.?\/(assets\/[^"]+\.js)"/.exec(index)![1]!}`;
    const stalled: Socket[] = [];
    for (let i = 0; i < 300; i++) {
      const socket = connect(server.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`GET ${script} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${server.cookie}\r\n\r\n`);
      socket.once('data', () => socket.pause()); // read the first bytes, then nothing more
      stalled.push(socket);
    }
    await Promise.all(
      stalled.map((socket) => new Promise((resolve) => (socket.connecting ? socket.once('connect', resolve) : resolve(null)))),
    );
    await stillAnswers();
    // Counted on the server's side (a paused client may not notice its socket closed): established at the server's port.
    const serverSockets = () =>
      execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${server.port} )`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean).length;
    await expect.poll(serverSockets, { timeout: 5000 }).toBeLessThanOrEqual(MAX_HTTP_SOCKETS);
    stalled.forEach((socket) => socket.destroy());
  });
});

describe('browser mode under hostile WebSocket input', () => {
  it('refuses no token, a wrong token, another origin, another host, another path', async () => {
    await expect(openSocket('')).rejects.toThrow('HTTP 403');
    await expect(openSocket('x'.repeat(32))).rejects.toThrow('HTTP 403');
    await expect(openSocket(server.token, 'https://evil.example')).rejects.toThrow('HTTP 403');
    const wrongHost = `GET /ws?token=${server.token} HTTP/1.1\r\nHost: evil.example\r\nOrigin: ${origin()}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
    expect(await raw(wrongHost)).toContain('403');
    expect(await raw(wrongHost.replace('/ws?', '/other?').replace('evil.example', `127.0.0.1:${server.port}`))).toContain('403');
    await stillAnswers();
  });

  it('survives a client that resets its connection after a refused upgrade', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(
            `GET /ws?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
          );
          socket.resetAndDestroy();
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stillAnswers();
  });

  it('answers invalid JSON, a missing id, an unknown method and bad params with error replies', async () => {
    const ws = await openSocket();
    expect((await call(ws, '{not json', null)).reply.error?.code).toBe('bad-request');
    expect((await call(ws, '[1,2,3]', null)).reply.error?.code).toBe('bad-request');
    expect((await call(ws, JSON.stringify({ method: 'getTopology' }), null)).reply.error?.code).toBe('bad-request');
    expect((await call(ws, JSON.stringify({ id: 2, method: '__proto__' }), 2)).reply.error?.code).toBe('unknown-method');
    expect((await call(ws, JSON.stringify({ id: 3, method: 'connect', params: { container: 7 } }), 3)).reply.error?.code).toBe(
      'bad-request',
    );
    expect((await call(ws, JSON.stringify({ id: 4, method: 'getTopology', params: 'x' }), 4)).reply.error?.code).toBe('bad-request');
    ws.close();
    await stillAnswers();
  });

  // One message once killed browser mode: stopCapture without params threw in a promise nobody awaited.
  it('answers every method of the contract called with no params, null and wrong types, and keeps answering', async () => {
    const takesNone = new Set(['getTopology', 'getStatus', 'listImages', 'getFirewall', 'listEngines']);
    const ws = await openSocket();
    let id = 100;
    for (const method of methodNames) {
      for (const params of [undefined, null, 7, 'x', [], { unexpected: true }]) {
        const frame = JSON.stringify(params === undefined ? { id: ++id, method } : { id: ++id, method, params });
        const { reply } = await call(ws, frame, id);
        if (takesNone.has(method) && (params === undefined || params === null)) continue;
        expect(reply.ok, `${frame} was accepted`).toBe(false);
        expect(reply.error?.code, frame).toBe('bad-request');
      }
    }
    ws.close();
    await stillAnswers();
  });

  it('refuses oversized params (a name past 255 characters, a long label, too many aliases) by the contract', async () => {
    const ws = await openSocket();
    const long = { id: 5, method: 'connect', params: { container: 'c'.repeat(256), network: 'n' } };
    expect((await call(ws, JSON.stringify(long), 5)).reply.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('at most 255'),
    });
    const label = { id: 6, method: 'createNetwork', params: { name: 'n', driver: 'bridge', labels: { note: 'x'.repeat(100_000) } } };
    expect((await call(ws, JSON.stringify(label), 6)).reply.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('labels.note'),
    });
    const aliases = {
      id: 7,
      method: 'connect',
      params: { container: 'c', network: 'n', aliases: Array.from({ length: 65 }, (_, i) => `a${i}`) },
    };
    expect((await call(ws, JSON.stringify(aliases), 7)).reply.error?.code).toBe('bad-request');
    ws.close();
    await stillAnswers();
  });

  it('answers garbage for the host test, test ids and cancels with error replies, and keeps answering', async () => {
    const ws = await openSocket();
    const send = async (id: number, method: string, params: unknown) =>
      (await call(ws, JSON.stringify({ id, method, params }), id)).reply.error?.code;
    expect(await send(20, 'testFromHost', { target: 'x'.repeat(301) })).toBe('bad-request');
    expect(await send(21, 'testFromHost', { target: 7 })).toBe('bad-request');
    expect(await send(22, 'testFromHost', { target: 'web:80', httpPath: 'p'.repeat(1025) })).toBe('bad-request');
    // Well-formed for the contract, malformed as a target: refused by the plan, nothing connected.
    for (const [id, target] of [
      [23, '::::'],
      [24, 'web:0'],
      [25, '[::1]:99999'],
      [26, 'no-such-container:80'],
    ] as const)
      expect(await send(id, 'testFromHost', { target }), target).toMatch(/^(usage|invalid)$/);
    expect(await send(27, 'test', { from: 'a', target: 'b', testId: -1 })).toBe('bad-request');
    expect(await send(28, 'cancelTest', { testId: 'x' })).toBe('bad-request');
    expect((await call(ws, JSON.stringify({ id: 29, method: 'cancelTest', params: { testId: 424242 } }), 29)).reply.error).toBeUndefined();
    ws.close();
    await stillAnswers();
  });

  it('answers garbage traces and firewall reads with error replies, sending nothing, and keeps answering', async () => {
    const ws = await openSocket();
    const send = async (id: number, method: string, params: unknown) =>
      (await call(ws, JSON.stringify({ id, method, params }), id)).reply.error?.code;
    expect(await send(60, 'trace', { from: 'a', target: 'x'.repeat(301) })).toBe('bad-request');
    expect(await send(61, 'trace', { from: 'a', target: 'b', proto: 'gre' })).toBe('bad-request');
    expect(await send(62, 'trace', { from: 'a', target: 'b', size: 65_000 })).toBe('bad-request');
    expect(await send(63, 'trace', { from: 'a', target: 'b', port: 0 })).toBe('bad-request');
    expect(await send(64, 'trace', { from: ['a'], target: 'b' })).toBe('bad-request');
    expect(await send(65, 'getFirewall', { table: 'filter' })).toBe('bad-request');
    // Well-formed for the contract, nothing to trace: refused by the plan.
    expect(await send(66, 'trace', { from: 'no-such-container', target: '10.0.0.1' })).toBe('invalid');
    ws.close();
    await stillAnswers();
  });

  it('answers garbage image references and pull ids with error replies, pulling nothing, and keeps answering', async () => {
    const ws = await openSocket();
    const send = async (id: number, method: string, params: unknown) =>
      (await call(ws, JSON.stringify({ id, method, params }), id)).reply.error?.code;
    expect(await send(40, 'pullImage', { ref: 'x'.repeat(513), pullId: 1 })).toBe('bad-request');
    expect(await send(41, 'pullImage', { ref: 'busybox', pullId: -5 })).toBe('bad-request');
    expect(await send(42, 'pullImage', { ref: ['busybox'], pullId: 1 })).toBe('bad-request');
    for (const [id, ref] of [
      [43, 'Upper/Case'],
      [44, 'a b c'],
      [45, 'x@sha256:nothex'],
      [46, '../../etc/passwd'],
      [47, ''],
    ] as const)
      expect(await send(id, 'pullImage', { ref, pullId: id }), ref).toBe('invalid');
    expect(await send(48, 'cancelPull', { pullId: 'x' })).toBe('bad-request');
    expect((await call(ws, JSON.stringify({ id: 49, method: 'cancelPull', params: { pullId: 424242 } }), 49)).reply.error).toBeUndefined();
    ws.close();
    await stillAnswers();
  });

  it('answers a request over the message limit with an error, and closes a socket sending a frame past the hard limit', async () => {
    const ws = await openSocket();
    const big = { id: 8, method: 'connect', params: { container: 'c', network: 'x'.repeat(600_000) } };
    expect((await call(ws, JSON.stringify(big), 8)).reply.error).toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('larger than'),
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(3 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await stillAnswers();
  });

  it(`caps calls in flight per socket and WebSockets (${MAX_WEBSOCKETS})`, async () => {
    const ws = await openSocket();
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(ws, JSON.stringify({ id: 100 + i, method: 'test', params: { from: 'nobody-here', target: 'x' } }), 100 + i),
      ),
    );
    // Every call got its answer (a refusal: no such container), none was lost.
    expect(replies.map((answer) => answer.id)).toEqual(Array.from({ length: 40 }, (_, i) => 100 + i));
    ws.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const open: WebSocket[] = [];
    for (let i = 0; i < MAX_WEBSOCKETS; i++) open.push(await openSocket());
    await expect(openSocket()).rejects.toThrow('HTTP 503');
    open.forEach((socket) => socket.close());
    await new Promise((resolve) => setTimeout(resolve, 300));
    await stillAnswers();
  });
});
