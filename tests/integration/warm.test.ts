/**
 * The warm path on the private engine: while a real `dockwire serve` follows the engine, `dockwire topology`
 * is answered from its live model through a socket only this user can open. It prints what a fresh read
 * prints, includes a change made just before it, and --fresh reads the engine afresh.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Topology } from '../../common/topology';
import { askWarm } from '../../backend/cli/warmTopology';
import { warmSocketPath } from '../../backend/util/privateSocket';
import { dockwire } from '../support/cli';
import { cleanup, createNetwork, docker, runContainer } from '../support/docker';
import { startServeProcess, type ServeProcess } from '../support/serve';

// A runtime folder of the test's own: a Dockwire the user runs on this machine is not asked, nor disturbed.
const runtime = mkdtempSync(join(tmpdir(), 'dw-warm-run-'));
const env = { ...process.env, XDG_RUNTIME_DIR: runtime };
const socketPath = warmSocketPath(join(runtime, 'dockwire'), process.env.DOCKER_HOST!);
let serve: ServeProcess;

/** The Topology with what differs between two reads of the same host taken a moment apart: its number, its time, and the traffic counters (a reading at a time). */
function comparable(topology: Topology): unknown {
  return JSON.parse(
    JSON.stringify({ ...topology, version: 0, generatedAt: '' }, (key, value: unknown) => (key === 'stats' ? null : value)),
  );
}

beforeAll(async () => {
  cleanup();
  createNetwork('dw-warm-a', '10.247.0.0/24');
  createNetwork('dw-warm-b', '10.247.1.0/24');
  runContainer('dw-warm-web', ['--network', 'dw-warm-a', '-p', '127.0.0.1:18095:80'], ['httpd', '-f', '-p', '80']);
  runContainer('dw-warm-db', ['--network', 'dw-warm-a']);
  serve = await startServeProcess([], env);
  // Its live model is up once it has read the engine and started its kernel view; until then it says no.
  await vi.waitFor(
    async () => {
      const answer = await askWarm(socketPath, process.env.DOCKER_HOST!);
      if (!answer.ok) throw new Error(`serve does not answer warm yet: ${answer.reason}\n${serve.output()}`);
    },
    { timeout: 30_000, interval: 200 },
  );
}, 60_000);
afterAll(() => {
  serve?.stop();
  cleanup();
  rmSync(runtime, { recursive: true, force: true });
});

describe('dockwire topology while dockwire serve follows the engine', () => {
  it('is answered from the live model, through a 0600 socket in a 0700 folder, and prints what a fresh read prints', async () => {
    expect(statSync(join(runtime, 'dockwire')).mode & 0o777).toBe(0o700);
    expect(statSync(socketPath).mode & 0o777).toBe(0o600);
    const warm = await dockwire(['topology', '--json', '--timings'], env);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).toContain('ask the running Dockwire (its live model)');
    const fresh = await dockwire(['topology', '--json', '--fresh', '--timings'], env);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).not.toContain('ask the running Dockwire');
    expect(fresh.stderr).toMatch(/kernel: read \d+ namespaces \(helper\)/);
    const [warmTopology, freshTopology] = [JSON.parse(warm.stdout) as Topology, JSON.parse(fresh.stdout) as Topology];
    expect(warmTopology.containers.find((c) => c.name === 'dw-warm-web')?.endpoints[0]?.hostVeth).not.toBeNull();
    expect(comparable(warmTopology)).toEqual(comparable(freshTopology));
    // The tree too: the same text either way.
    const [warmTree, freshTree] = await Promise.all([dockwire(['topology'], env), dockwire(['topology', '--fresh'], env)]);
    expect(warmTree.stdout).toContain('dw-warm-web');
    expect(warmTree.stdout).toBe(freshTree.stdout);
  });

  it('includes a change made just before it', async () => {
    docker('network', 'connect', 'dw-warm-b', 'dw-warm-db');
    const run = await dockwire(['topology', '--json', '--timings'], env);
    expect(run.stderr).toContain('ask the running Dockwire');
    const db = (JSON.parse(run.stdout) as Topology).containers.find((c) => c.name === 'dw-warm-db')!;
    expect(db.endpoints.map((e) => e.networkName).sort()).toEqual(['dw-warm-a', 'dw-warm-b']);
  });

  it('reads afresh, and says why, when no Dockwire follows this engine', async () => {
    const elsewhere = { ...env, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'dw-warm-none-')) };
    const run = await dockwire(['topology', '--json', '--timings'], elsewhere);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/not from a running Dockwire: no Dockwire is running for unix:\/\//);
    expect((JSON.parse(run.stdout) as Topology).containers.some((c) => c.name === 'dw-warm-web')).toBe(true);
    rmSync(elsewhere.XDG_RUNTIME_DIR, { recursive: true, force: true });
  });

  it('keeps answering after garbage on its socket', async () => {
    const { connect } = await import('node:net');
    await new Promise<void>((resolve) => {
      const socket = connect(socketPath, () => socket.end(Buffer.alloc(4096, 0x41)));
      socket.on('data', (reply: Buffer) => expect(reply.toString()).toBe('{"ok":false,"reason":"not a request"}\n'));
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    expect((await askWarm(socketPath, process.env.DOCKER_HOST!)).ok).toBe(true);
    expect(serve.child.exitCode).toBeNull();
  });
});
