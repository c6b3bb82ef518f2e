/**
 * Browser mode's server on a real socket: loopback only, the per-launch token,
 * the Origin check, DNS-rebinding refusal, the CSP on every page, and the
 * Topology pushed whole once and then as patches.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from '../../backend/backend';
import { startServer, type RunningServer } from '../../backend/server/server';
import type { Topology } from '../../common/topology';
import { applyPatch, TOPOLOGY_PATCH_EVENT, type TopologyPatch } from '../../common/topologyPatch';
import { cleanup, createNetwork, docker, runContainer } from '../support/docker';
import { startBackend } from './backendHarness';

let backend: Backend;
let server: RunningServer;

beforeAll(async () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'dockwire-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Dockwire</title>');
  backend = startBackend();
  server = await startServer({ backend, staticDir });
});

afterAll(async () => {
  await server?.close();
  await backend?.stop();
});

/** A GET as the page's browser makes it once it has the launch's cookie (or, with cookie null, as anyone else). */
function get(
  path: string,
  host = `127.0.0.1:${server.port}`,
  cookie: string | null = `dockwire-${server.port}=${server.token}`,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host, ...(cookie ? { cookie } : {}) } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * onMessage is attached before the socket opens: the server sends the whole Topology at once, and when that frame
 * arrives in the same read as the upgrade, ws emits it before an `await openSocket()` would have resumed.
 */
function openSocket(token: string, origin: string, onMessage?: (raw: WebSocket.RawData) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${token}`, { origin });
    if (onMessage) ws.on('message', onMessage);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('browser mode server', () => {
  it('listens on loopback only, at a random port, with a token in the URL it prints', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    expect(server.port).toBeGreaterThan(0);
  });

  // The token in the printed URL would stay in the browser's history and in any log of the address bar.
  it('exchanges the token in the URL for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const first = await get(`/?token=${server.token}`, undefined, null);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`dockwire-${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    expect((await get('/')).status).toBe(200);
  });

  it('answers nothing but a short 401 without the token: no page, no assets, no socket', async () => {
    for (const path of ['/', '/index.html', `/?token=${'x'.repeat(32)}`]) expect((await get(path, undefined, null)).status, path).toBe(401);
    expect((await get('/', undefined, `dockwire-${server.port}=${'x'.repeat(32)}`)).status).toBe(401);
    // Another server's cookie on the same host is not this one's.
    expect((await get('/', undefined, `dockwire-${server.port + 1}=${server.token}`)).status).toBe(401);
  });

  it('opens the WebSocket with the page’s cookie alone, and refuses it with none', async () => {
    const withCookie = (cookie: string | null) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, {
          origin: `http://127.0.0.1:${server.port}`,
          headers: cookie ? { cookie } : {},
        });
        ws.once('open', () => (ws.close(), resolve(101)));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(0));
      });
    expect(await withCookie(`dockwire-${server.port}=${server.token}`)).toBe(101);
    expect(await withCookie(null)).toBe(403);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(421);
  });

  it('refuses paths outside its folder', async () => {
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('opens the WebSocket for its own origin with the token, and answers contract calls', async () => {
    const ws = await openSocket(server.token, `http://127.0.0.1:${server.port}`);
    const reply = await new Promise<{ id: number; reply: { ok: boolean; result?: { schemaVersion: number } } }>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.id === 1) resolve(message);
      });
      ws.send(JSON.stringify({ id: 1, method: 'getTopology', params: {} }));
    });
    expect(reply.reply.ok).toBe(true);
    expect(reply.reply.result?.schemaVersion).toBe(1);
    ws.close();
  });

  it('answers unknown methods and bad params with error data, not a crash', async () => {
    const ws = await openSocket(server.token, `http://127.0.0.1:${server.port}`);
    const replies = new Map<number, { ok: boolean; error?: { code: string } }>();
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        replies.set(message.id, message.reply);
        if (replies.size === 2) resolve();
      });
      ws.send(JSON.stringify({ id: 1, method: 'deleteEverything', params: {} }));
      ws.send(JSON.stringify({ id: 2, method: 'inspect', params: { kind: 'volume', id: 'x' } }));
    });
    expect(replies.get(1)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(replies.get(2)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    ws.close();
  });

  it('pushes the Topology whole once, then each change as a patch that, applied, is the backend’s Topology', async () => {
    cleanup();
    createNetwork('bm-patch', '10.97.0.0/24');
    runContainer('bm-patch-a', ['--network', 'bm-patch']);
    // Each push's size, and the size of the whole Topology it stands for.
    const pushes: Array<{ event: string; bytes: number; wholeBytes: number }> = [];
    let page: Topology | null = null;
    const ws = await openSocket(server.token, `http://127.0.0.1:${server.port}`, (raw) => {
      const { event, data } = JSON.parse(String(raw)) as { event?: string; data: unknown };
      if (event === 'topology') page = data as Topology;
      else if (event === TOPOLOGY_PATCH_EVENT) page = applyPatch(page!, data as TopologyPatch);
      else return;
      pushes.push({ event, bytes: String(raw).length, wholeBytes: JSON.stringify({ event: 'topology', data: page }).length });
    });
    const onBridge = () => page?.containers.find((c) => c.name === 'bm-patch-a')?.endpoints.some((e) => e.networkName === 'bridge');
    docker('network', 'connect', 'bridge', 'bm-patch-a');
    await waitFor(() => onBridge() === true, 10_000);
    docker('network', 'disconnect', 'bridge', 'bm-patch-a');
    await waitFor(() => onBridge() === false, 10_000);
    expect(pushes[0]!.event).toBe('topology');
    const patches = pushes.filter((p) => p.event === TOPOLOGY_PATCH_EVENT);
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) expect(patch.bytes).toBeLessThan(patch.wholeBytes);
    // The page has caught up with the backend's newest Topology, and what it made of the patches is that, exactly.
    let current = await backend.handlers.getTopology({});
    for (const deadline = Date.now() + 5000; page!.version !== current.version && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await backend.handlers.getTopology({});
    }
    expect(page).toEqual(current);
    ws.close();
    cleanup();
  });

  it('a tab that read the Topology itself (as the page does on opening) gets the first change as a patch to it', async () => {
    cleanup();
    createNetwork('bm-first', '10.97.1.0/24');
    runContainer('bm-first-a', ['--network', 'bm-first']);
    // Its creation pushed to no tab yet: what follows is the only change this tab sees.
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100)))
      if ((await backend.handlers.getTopology({})).containers.some((c) => c.name === 'bm-first-a')) break;
    let page: Topology | null = null;
    const pushed: string[] = [];
    const ws = await openSocket(server.token, `http://127.0.0.1:${server.port}`, (raw) => {
      const { id, reply, event, data } = JSON.parse(String(raw)) as {
        id?: number;
        reply?: { result: Topology };
        event?: string;
        data: unknown;
      };
      if (id === 1) page = reply!.result;
      else if (event === 'topology' || event === TOPOLOGY_PATCH_EVENT) {
        pushed.push(event);
        page = event === 'topology' ? (data as Topology) : applyPatch(page!, data as TopologyPatch);
      }
    });
    ws.send(JSON.stringify({ id: 1, method: 'getTopology', params: {} }));
    await waitFor(() => page !== null, 5000);
    docker('network', 'connect', 'bridge', 'bm-first-a');
    await waitFor(
      () => Boolean(page?.containers.find((c) => c.name === 'bm-first-a')?.endpoints.some((e) => e.networkName === 'bridge')),
      10_000,
    );
    expect(pushed[0]).toBe(TOPOLOGY_PATCH_EVENT);
    expect(pushed).not.toContain('topology');
    ws.close();
    cleanup();
  });

  it('rejects a WebSocket without the token, with a wrong token, or from another origin', async () => {
    const own = `http://127.0.0.1:${server.port}`;
    await expect(openSocket('', own)).rejects.toThrow('HTTP 403');
    await expect(openSocket('x'.repeat(32), own)).rejects.toThrow('HTTP 403');
    await expect(openSocket(server.token, 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(openSocket(server.token, `http://127.0.0.1:${server.port + 1}`)).rejects.toThrow('HTTP 403');
  });
});
