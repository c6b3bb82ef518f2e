/**
 * Several engines in one answer: `dockwire topology --context A --context B …` on a lab of three Docker
 * hosts (scripts/lab.sh), compared with each engine's own `docker` and each node's kernel (`ip -n`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostsDocument } from '../../common/hosts';
import { dockwire } from '../support/cli';
import { TEST_IMAGE } from '../support/docker';
import { containerNamesOn, dockerOn, labDown, labEnv, labUp, stopNode, type LabNode } from '../support/lab';

let nodes: LabNode[] = [];
const names = () => nodes.flatMap((node) => ['--context', node.name]);
const node = (index: number) => nodes[index]!;

beforeAll(() => {
  nodes = labUp(3);
  dockerOn(node(0), 'network', 'create', '--subnet', '10.251.1.0/24', 'lab-net');
  dockerOn(node(0), 'run', '-d', '--name', 'api', '--network', 'lab-net', TEST_IMAGE);
  // The same name on two engines: each is shown with its own engine.
  dockerOn(node(1), 'run', '-d', '--name', 'web', TEST_IMAGE);
  dockerOn(node(2), 'run', '-d', '--name', 'web', TEST_IMAGE);
}, 120_000);
afterAll(labDown, 120_000);

async function readAll(...extra: string[]) {
  const run = await dockwire(['topology', '--json', ...names(), ...extra], labEnv());
  return { ...run, document: JSON.parse(run.stdout) as HostsDocument };
}

describe('dockwire topology of several engines', () => {
  it('reads every engine named, each as its own docker and its own kernel see it', async () => {
    const { code, document } = await readAll();
    expect(code).toBe(0);
    expect(document.schemaVersion).toBe(1);
    expect(document.hosts.map((host) => [host.name, host.state])).toEqual(nodes.map((n) => [n.name, 'live']));
    for (const [index, host] of document.hosts.entries()) {
      const truth = node(index);
      const topology = host.topology!;
      expect(host.endpoint).toBe(truth.host);
      expect(topology.engine.hostname).toBe(truth.name);
      // Dockwire's own helper (a one-shot read's may still be going away) is left out of the Topology.
      expect(topology.containers.map((c) => c.name).sort()).toEqual(containerNamesOn(truth));
      const networks = dockerOn(truth, 'network', 'ls', '--format', '{{.Name}}').split('\n').sort();
      expect(topology.networks.map((n) => n.name).sort()).toEqual(networks);
      // The kernel view is the node's own: each host end of a veth is a link in that node's namespace.
      expect(topology.helper.mode).toBe('container');
      const links = JSON.parse(execFileSync('ip', ['-n', truth.netns, '-j', 'link'], { encoding: 'utf8' })) as Array<{ ifname: string }>;
      for (const container of topology.containers) {
        for (const endpoint of container.endpoints) expect(links.map((l) => l.ifname)).toContain(endpoint.hostVeth?.name);
      }
    }
    const labNet = document.hosts[0]!.topology!.networks.find((n) => n.name === 'lab-net')!;
    expect(labNet.subnets.map((s) => s.subnet)).toEqual(['10.251.1.0/24']);
    expect(labNet.bridge?.name).toBe(`br-${labNet.id.slice(0, 12)}`);
  });

  it('prints each engine under its own heading, so one name on two engines is told apart', async () => {
    const run = await dockwire(['topology', ...names()], labEnv());
    expect(run.code).toBe(0);
    const sections = run.stdout.split(/^=== /m).filter(Boolean);
    expect(sections.map((section) => section.split(' ')[0])).toEqual(['node1', 'node2', 'node3']);
    expect(sections[1]).toMatch(/^ {4}web {2}eth0 {2}172\.17\.0\.\d+\/16/m);
    expect(sections[2]).toMatch(/^ {4}web {2}eth0 {2}172\.17\.0\.\d+\/16/m);
    expect(sections[0]).not.toMatch(/\bweb\b/);
  });

  it('takes --host addresses as well as contexts, in the order given', async () => {
    const run = await dockwire(['topology', '--json', '--host', node(2).host, '--context', node(0).name], labEnv());
    const document = JSON.parse(run.stdout) as HostsDocument;
    expect(document.hosts.map((host) => [host.name, host.topology?.engine.hostname])).toEqual([
      [node(2).host, 'node3'],
      ['node1', 'node1'],
    ]);
  });

  it('a document of several hosts is not a snapshot, and says how to take one host out of it', async () => {
    const { document } = await readAll();
    const dir = mkdtempSync(join(tmpdir(), 'dw-hosts-'));
    writeFileSync(join(dir, 'all.json'), JSON.stringify(document));
    writeFileSync(join(dir, 'node1.json'), JSON.stringify(document.hosts[0]!.topology));
    const refused = await dockwire(['diff', join(dir, 'all.json'), join(dir, 'node1.json')], labEnv());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.hosts[0].topology');
    expect((await dockwire(['diff', join(dir, 'node1.json'), join(dir, 'node1.json')], labEnv())).code).toBe(0);
  });

  it('refuses what draws one engine (dot, mermaid, --timings) with several, before reading any', async () => {
    for (const extra of [['--format', 'dot'], ['--format', 'mermaid'], ['--timings']]) {
      const run = await dockwire(['topology', ...names(), ...extra], labEnv());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/one engine/);
    }
  });

  it('an engine that is gone or never existed is reported in its place; the others are read all the same', async () => {
    stopNode(node(2).name);
    const started = Date.now();
    const { code, document } = await readAll('--context', 'no-such-context');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(code).toBe(1);
    expect(document.hosts.map((host) => [host.name, host.state])).toEqual([
      ['node1', 'live'],
      ['node2', 'live'],
      ['node3', 'unreachable'],
      ['no-such-context', 'unreachable'],
    ]);
    expect(document.hosts[2]).toMatchObject({ endpoint: node(2).host, topology: null, error: { code: 'engine-unreachable' } });
    expect(document.hosts[2]!.error!.message).toContain(node(2).host.replace('unix://', ''));
    expect(document.hosts[3]!.error!.message).toMatch(/context "no-such-context" .*does not exist/);
    expect(document.hosts[1]!.topology!.containers.map((c) => c.name)).toEqual(['web']);
  });
});
