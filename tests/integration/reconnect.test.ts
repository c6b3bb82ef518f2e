/**
 * The daemon goes away and comes back: the backend says which endpoint it
 * tried and why it failed, shows "reconnecting", and recovers by itself.
 * Stops and restarts the private test engine (scripts/engine.sh).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { EngineStatus } from '../../common/topology';
import { createBackend } from '../../backend/backend';
import { containerNamed, networkNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, runContainer } from '../support/docker';

const engine = (action: 'start' | 'stop') => execFileSync('bash', ['scripts/engine.sh', action], { stdio: 'pipe', encoding: 'utf8' });
let backend: Backend;

function waitForStatus(predicate: (s: EngineStatus) => boolean, timeoutMs: number): Promise<EngineStatus> {
  return new Promise((resolve, reject) => {
    void backend.handlers.getStatus({}).then((status) => predicate(status) && resolve(status));
    const timer = setTimeout(() => reject(new Error('status never matched')), timeoutMs);
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
  runContainer('dw-rc-1', []);
  backend = startBackend();
  await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-rc-1')));
});

afterAll(async () => {
  await backend?.stop();
  engine('start');
  cleanup();
});

describe('engine restart', () => {
  it('reports the endpoint and the reason while the daemon is down, then recovers', async () => {
    const down = waitForStatus((s) => s.state === 'reconnecting' && s.error !== null, 30_000);
    engine('stop');
    const status = await down;
    expect(status.endpoint).toBe(process.env.DOCKER_HOST);
    expect(status.source).toBe('DOCKER_HOST');
    expect(status.error).toMatch(/Docker engine at unix:\/\/.*(does not exist|refused|closed)/);
    // The last known Topology stays available while reconnecting.
    expect(containerNamed(await backend.handlers.getTopology({}), 'dw-rc-1')).toBeDefined();

    const up = waitForStatus((s) => s.state === 'live', 60_000);
    engine('start');
    await up;
    // Changes made after the restart arrive through the re-opened event stream.
    const pushed = waitForTopology(backend, (t) => Boolean(networkNamed(t, 'dw-rc-after')), 5000);
    createNetwork('dw-rc-after', '10.235.0.0/24');
    await pushed;
    const topology = await backend.handlers.getTopology({});
    expect(containerNamed(topology, 'dw-rc-1')!.state).toBe('exited'); // dockerd stopped it
  });

  it('explains an engine that is not there at all', async () => {
    const lonely = createBackend({ env: { DOCKER_HOST: 'unix:///tmp/dockwire-no-such-engine.sock' }, firstTopologyTimeoutMs: 1500 });
    try {
      await expect(lonely.handlers.getTopology({})).rejects.toMatchObject({
        code: 'engine-unreachable',
        message: expect.stringContaining('No Docker engine at unix:///tmp/dockwire-no-such-engine.sock: the socket does not exist'),
      });
      expect(await lonely.handlers.getStatus({})).toMatchObject({
        endpoint: 'unix:///tmp/dockwire-no-such-engine.sock',
        source: 'DOCKER_HOST',
      });
    } finally {
      await lonely.stop();
    }
  });
});
