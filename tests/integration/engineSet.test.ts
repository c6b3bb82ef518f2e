/**
 * The engines a window follows, changed while it runs (what the Engines dialog does): one of the lab's Docker
 * hosts followed, a second added live, the first removed, each change remembered for the next start that
 * names none. Ground truth: each engine's own `docker ps`, and the file the choice is remembered in.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createEngineSet, createWindowBackend } from '../../backend/engineSet';
import type { Topology } from '../../common/topology';
import { TEST_IMAGE } from '../support/docker';
import { containerNamesOn, dockerOn, labDown, labEnv, labUp, type LabNode } from '../support/lab';
import { waitForTopology } from './backendHarness';

let nodes: LabNode[] = [];
let backend: Backend;
const configHome = mkdtempSync(join(tmpdir(), 'dockwire-config-'));
const memoryFile = join(configHome, 'dockwire', 'engines.json');
const env = () => ({ ...labEnv(), XDG_CONFIG_HOME: configHome });
const versions: number[] = [];

beforeAll(() => {
  nodes = labUp(2);
  dockerOn(nodes[0]!, 'run', '-d', '--name', 'one', TEST_IMAGE);
  dockerOn(nodes[1]!, 'run', '-d', '--name', 'two', TEST_IMAGE);
  backend = createEngineSet([{ by: 'context', name: 'node1' }], { env: env(), memoryFile });
  backend.on('topology', (topology) => versions.push(topology.version));
}, 120_000);
afterAll(async () => {
  await backend?.stop();
  labDown();
}, 120_000);

const names = (topology: Topology, host?: string) =>
  topology.containers
    .filter((c) => c.host === host)
    .map((c) => c.name)
    .sort();

describe('the engines a window follows, changed while it runs', () => {
  it('starts with the one named, and lists the Docker contexts it could follow', async () => {
    const topology = await waitForTopology(backend, (t) => t.engine.hostname === 'node1', 20_000);
    expect(topology.hosts).toBeUndefined();
    expect(names(topology)).toEqual(containerNamesOn(nodes[0]!));
    const list = await backend.handlers.listEngines({});
    expect(list.followed).toEqual([{ name: 'node1', by: 'context', endpoint: nodes[0]!.host }]);
    expect(list.contexts.map((c) => [c.name, c.endpoint])).toEqual(expect.arrayContaining(nodes.map((n) => [n.name, n.host])));
    expect(list).toMatchObject({ canChange: true, rememberedIn: memoryFile });
  });

  it('adds a second engine live: both are drawn, each as its own docker lists it, and the choice is remembered', async () => {
    const list = await backend.handlers.addEngine({ context: 'node2' });
    expect(list.followed.map((e) => e.name)).toEqual(['node1', 'node2']);
    const topology = await waitForTopology(backend, (t) => t.hosts?.every((h) => h.state === 'live') ?? false, 20_000);
    expect(topology.hosts!.map((h) => h.name)).toEqual(['node1', 'node2']);
    for (const node of nodes) expect(names(topology, node.name)).toEqual(containerNamesOn(node));
    expect(JSON.parse(readFileSync(memoryFile, 'utf8'))).toEqual({ engines: [{ context: 'node1' }, { context: 'node2' }] });
    // The window's versions only grow across the change (its patches are made against the one before).
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });

  it('refuses a context that does not exist, or one followed already, and changes nothing', async () => {
    await expect(backend.handlers.addEngine({ context: 'no-such-node' })).rejects.toThrow(/Docker context "no-such-node".*does not exist/);
    await expect(backend.handlers.addEngine({ context: 'node2' })).rejects.toThrow('node2 is followed already');
    expect((await backend.handlers.listEngines({})).followed.map((e) => e.name)).toEqual(['node1', 'node2']);
    expect((await backend.handlers.getTopology({})).hosts!.map((h) => h.name)).toEqual(['node1', 'node2']);
  });

  it('removes the first: node2 alone is drawn, and node2 alone is never removed', async () => {
    await backend.handlers.removeEngine({ name: 'node1' });
    const topology = await waitForTopology(backend, (t) => !t.hosts && t.engine.hostname === 'node2', 20_000);
    expect(names(topology)).toEqual(containerNamesOn(nodes[1]!));
    await expect(backend.handlers.removeEngine({ name: 'node2' })).rejects.toThrow(/the only engine followed/);
    expect(JSON.parse(readFileSync(memoryFile, 'utf8'))).toEqual({ engines: [{ context: 'node2' }] });
  });

  it('a window started without engines named follows those remembered', async () => {
    const said: string[] = [];
    const next = createWindowBackend([], (line) => said.push(line), { env: env() });
    try {
      const topology = await waitForTopology(next, (t) => t.engine.hostname === 'node2', 20_000);
      expect(names(topology)).toEqual(containerNamesOn(nodes[1]!));
      expect(said).toEqual([`Following the engines remembered in ${memoryFile}: node2 (name others with --context or --host).`]);
    } finally {
      await next.stop();
    }
  });
});
