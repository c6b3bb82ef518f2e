/**
 * Several engines followed at once (what `dockwire serve --context …` runs): one picture of the lab's three
 * Docker hosts (scripts/lab.sh), live per engine, every call acting on the engine its object is on, and an
 * engine that goes away changing only its own host's state. Ground truth: each engine's own `docker`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createManyEnginesBackend } from '../../backend/manyEngines';
import type { Topology } from '../../common/topology';
import { TEST_IMAGE } from '../support/docker';
import { containerNamesOn, dockerOn, labDown, labEnv, labUp, startNode, stopNode, type LabNode } from '../support/lab';
import { waitForTopology } from './backendHarness';

let nodes: LabNode[] = [];
let backend: Backend;
const node = (index: number) => nodes[index]!;
const onHost = (topology: Topology, host: string, name: string) => topology.containers.find((c) => c.host === host && c.name === name);
const networksOf = (truth: LabNode) => dockerOn(truth, 'network', 'ls', '--format', '{{.Name}}').split('\n').sort();

beforeAll(() => {
  nodes = labUp(3);
  dockerOn(node(0), 'network', 'create', '--subnet', '10.251.2.0/24', 'lab-net');
  dockerOn(node(0), 'run', '-d', '--name', 'api', TEST_IMAGE);
  dockerOn(node(1), 'run', '-d', '--name', 'web', TEST_IMAGE);
  dockerOn(node(2), 'run', '-d', '--name', 'web', TEST_IMAGE);
  backend = createManyEnginesBackend(
    nodes.map((n) => ({ by: 'context', name: n.name })),
    { env: labEnv() },
  );
}, 120_000);
afterAll(async () => {
  await backend?.stop();
  labDown();
}, 120_000);

describe('several engines in one picture', () => {
  it('joins every engine, each object tagged with its own, as each engine’s docker lists them', async () => {
    const topology = await waitForTopology(backend, (t) => t.hosts?.every((h) => h.state === 'live' && h.engine) ?? false, 20_000);
    expect(topology.hosts!.map((h) => [h.name, h.endpoint, h.engine?.hostname])).toEqual(nodes.map((n) => [n.name, n.host, n.name]));
    for (const truth of nodes) {
      expect(
        topology.containers
          .filter((c) => c.host === truth.name)
          .map((c) => c.name)
          .sort(),
      ).toEqual(containerNamesOn(truth));
      expect(
        topology.networks
          .filter((n) => n.host === truth.name)
          .map((n) => n.name)
          .sort(),
      ).toEqual(networksOf(truth));
    }
  });

  it('a container run on node2 appears on node2 within a second', async () => {
    dockerOn(node(1), 'run', '-d', '--name', 'late', TEST_IMAGE);
    const ran = Date.now();
    const topology = await waitForTopology(backend, (t) => onHost(t, 'node2', 'late') !== undefined, 5000);
    expect(Date.now() - ran).toBeLessThan(1000);
    expect(onHost(topology, 'node2', 'late')!.endpoints.map((e) => e.networkName)).toEqual(['bridge']);
  });

  it('acts on the engine its object is on, and creates on the engine named', async () => {
    await backend.handlers.createNetwork({ name: 'made-on-3', driver: 'bridge', ipv4: { subnet: '10.251.3.0/24' }, engine: 'node3' });
    expect(networksOf(node(2))).toContain('made-on-3');
    expect(networksOf(node(0))).not.toContain('made-on-3');
    await waitForTopology(backend, (t) => t.networks.some((n) => n.name === 'made-on-3' && n.host === 'node3'));
    await backend.handlers.connect({ container: 'api', network: 'lab-net' });
    expect(dockerOn(node(0), 'inspect', '--format', '{{json .NetworkSettings.Networks}}', 'api')).toContain('"lab-net"');
    // The same name on two engines is refused, naming both; its id says which.
    await expect(backend.handlers.containerAction({ container: 'web', action: 'stop' })).rejects.toThrow(/on node2 and node3/);
    // A container joins networks of its own engine only.
    const topology = await backend.handlers.getTopology({});
    const web3 = onHost(topology, 'node3', 'web')!;
    await expect(backend.handlers.connect({ container: web3.id, network: 'lab-net' })).rejects.toThrow(
      /web runs on node3 and lab-net is a network of node1/,
    );
    await expect(backend.handlers.createNetwork({ name: 'x', driver: 'bridge', engine: 'node9' })).rejects.toThrow(/no engine "node9"/);
  });

  it('an engine that goes away changes only its own host; back, it is live again', async () => {
    stopNode('node3');
    const lost = await waitForTopology(backend, (t) => t.hosts?.[2]?.state !== 'live', 20_000);
    expect(lost.hosts!.slice(0, 2).map((h) => h.state)).toEqual(['live', 'live']);
    expect(lost.hosts![2]!.error).toBeTruthy();
    expect((await backend.handlers.getStatus({})).state).toBe('live');
    // node1 and node2 are still followed while node3 is away.
    dockerOn(node(0), 'run', '-d', '--name', 'while-away', TEST_IMAGE);
    await waitForTopology(backend, (t) => onHost(t, 'node1', 'while-away') !== undefined, 5000);
    startNode('node3');
    await waitForTopology(backend, (t) => t.hosts?.[2]?.state === 'live', 30_000);
  });
});
