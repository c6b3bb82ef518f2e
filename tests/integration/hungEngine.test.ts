/**
 * A hung engine (dockerd stopped with SIGSTOP: its socket stays open, nothing
 * answers). The backend says "not responding" within 10 s and recovers by
 * itself once it answers again; the CLI gives up within 20 s, exit 1, naming
 * the endpoint. Freezes the private test engine (scripts/engine.sh).
 */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { EngineStatus } from '../../common/topology';
import { cleanup, createNetwork, runContainer } from '../support/docker';
import { networkNamed, startBackend, waitForTopology } from './backendHarness';

const engine = (action: 'freeze' | 'thaw') => execFileSync('bash', ['scripts/engine.sh', action], { stdio: 'pipe' });
const CLI = new URL('../../bin/dockwire.js', import.meta.url).pathname;
let backend: Backend;

/** Runs the CLI without blocking the test's own event loop; times it. */
function dockwire(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim(), ms: Date.now() - started });
    });
  });
}

function waitForStatus(predicate: (s: EngineStatus) => boolean, timeoutMs: number): Promise<EngineStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`status never matched within ${timeoutMs} ms`)), timeoutMs);
    const unsubscribe = backend.on('status', (status) => {
      if (!predicate(status)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
    });
  });
}

beforeAll(async () => {
  cleanup();
  runContainer('dw-hung-1', []);
  backend = startBackend();
  await waitForTopology(backend, (t) => t.containers.some((c) => c.name === 'dw-hung-1'), 15_000);
});

afterAll(async () => {
  engine('thaw');
  await backend?.stop();
  cleanup();
});

describe('a hung engine', () => {
  it('is reported as not responding within 10 s, the CLI gives up within 20 s, and all recovers by itself', async () => {
    const frozenAt = Date.now();
    const silent = waitForStatus((s) => s.state === 'unresponsive', 10_000);
    engine('freeze');
    try {
      const status = await silent;
      expect(Date.now() - frozenAt).toBeLessThan(10_000);
      expect(status.error).toContain(`The Docker engine at ${process.env.DOCKER_HOST} has not answered for`);
      // The last graph stays available while the engine is silent.
      expect((await backend.handlers.getTopology({})).containers.some((c) => c.name === 'dw-hung-1')).toBe(true);

      const [tree, change] = await Promise.all([dockwire('topology'), dockwire('connect', 'dw-hung-1', 'bridge', '--json')]);
      expect(tree.code).toBe(1);
      expect(tree.ms).toBeLessThan(20_000);
      expect(tree.stderr).toContain(process.env.DOCKER_HOST);
      expect(change.code).toBe(1);
      expect(change.ms).toBeLessThan(20_000);
      expect(JSON.parse(change.stdout)).toMatchObject({
        ok: false,
        error: { code: 'engine-unreachable', message: expect.stringContaining(process.env.DOCKER_HOST!) },
      });
    } finally {
      engine('thaw');
    }
    await waitForStatus((s) => s.state === 'live', 20_000);
    createNetwork('dw-hung-after', '10.246.7.0/24');
    await waitForTopology(backend, (t) => Boolean(networkNamed(t, 'dw-hung-after')), 5000);
  });
});
