/**
 * Live updates from Docker's event stream: changes made with the docker CLI
 * (as from another terminal) reach the backend's pushed Topology within a second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { containerNamed, networkNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, runContainer } from '../support/docker';

const WITHIN_MS = 1000;
let backend: Backend;

beforeAll(async () => {
  cleanup();
  createNetwork('dw-live-a', '10.233.0.0/24');
  runContainer('dw-live-1', ['--network', 'dw-live-a']);
  backend = startBackend();
  await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-live-1')));
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe('live topology', () => {
  it('shows a network created elsewhere', async () => {
    const pushed = waitForTopology(backend, (t) => Boolean(networkNamed(t, 'dw-live-b')), WITHIN_MS + 2000);
    const started = Date.now();
    createNetwork('dw-live-b', '10.234.0.0/24');
    await pushed;
    expect(Date.now() - started).toBeLessThan(WITHIN_MS + 500); // docker CLI itself takes a few hundred ms
  });

  it('shows docker network connect as a new endpoint, with its address', async () => {
    const pushed = waitForTopology(
      backend,
      (t) => containerNamed(t, 'dw-live-1')?.endpoints.some((e) => e.networkName === 'dw-live-b') ?? false,
      WITHIN_MS,
    );
    docker('network', 'connect', '--ip', '10.234.0.50', 'dw-live-b', 'dw-live-1');
    const topology = await pushed;
    const endpoint = containerNamed(topology, 'dw-live-1')!.endpoints.find((e) => e.networkName === 'dw-live-b')!;
    expect(endpoint.ipv4).toBe('10.234.0.50/24');
    expect(endpoint.ifname).toBe('eth1');
  });

  it('shows docker network disconnect', async () => {
    const pushed = waitForTopology(backend, (t) => containerNamed(t, 'dw-live-1')?.endpoints.length === 1, WITHIN_MS);
    docker('network', 'disconnect', 'dw-live-b', 'dw-live-1');
    await pushed;
  });

  it('follows a container through stop, start and rm', async () => {
    let pushed = waitForTopology(backend, (t) => containerNamed(t, 'dw-live-1')?.state === 'exited', WITHIN_MS + 1000);
    docker('stop', '-t', '0', 'dw-live-1');
    expect(containerNamed(await pushed, 'dw-live-1')!.pid).toBeNull();

    pushed = waitForTopology(backend, (t) => containerNamed(t, 'dw-live-1')?.state === 'running', WITHIN_MS);
    docker('start', 'dw-live-1');
    expect(containerNamed(await pushed, 'dw-live-1')!.endpoints[0]!.ipv4).toMatch(/^10\.233\.0\.\d+\/24$/);

    pushed = waitForTopology(backend, (t) => !containerNamed(t, 'dw-live-1'), WITHIN_MS + 1000);
    docker('rm', '-f', 'dw-live-1');
    await pushed;
  });

  it('shows a network removed elsewhere', async () => {
    const pushed = waitForTopology(backend, (t) => !networkNamed(t, 'dw-live-b'), WITHIN_MS);
    docker('network', 'rm', 'dw-live-b');
    await pushed;
  });

  it('numbers each pushed Topology higher than the last', async () => {
    const seen: number[] = [];
    const unsubscribe = backend.on('topology', (t) => seen.push(t.version));
    const done = waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-live-2')), WITHIN_MS + 1000);
    runContainer('dw-live-2', ['--network', 'dw-live-a']);
    await done;
    unsubscribe();
    expect(seen.length).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});
