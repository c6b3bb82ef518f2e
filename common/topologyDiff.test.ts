import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../tests/fixtures/composeHost.js';
import type { Topology } from './topology.js';
import { diffTopologies, formatDiff } from './topologyDiff.js';

const later = (change: (t: Topology) => void) => {
  const before = composeHostTopology();
  const after = structuredClone(before);
  after.generatedAt = '2026-11-30T08:00:00.000Z';
  change(after);
  return diffTopologies(before, after);
};
const lines = (diff: ReturnType<typeof diffTopologies>) => diff.changes.map((c) => `${c.sign} ${c.text}`);
const container = (t: Topology, name: string) => t.containers.find((c) => c.name === name)!;

describe('diffTopologies', () => {
  it('finds nothing between a Topology and itself, even taken at another time', () => {
    const diff = later(() => {});
    expect(diff.equal).toBe(true);
    expect(diff.changes).toEqual([]);
    expect(formatDiff(diff, { from: 'a.json', to: 'b.json' })).toMatch(/No changes\.$/);
  });

  it('names a container added and one removed, with its image, state, networks and ports', () => {
    const diff = later((t) => {
      const web = container(t, 'shop-web-1');
      t.containers.push({ ...structuredClone(web), id: 'f'.repeat(64), name: 'shop-web-2' });
      t.containers = t.containers.filter((c) => c.name !== 'blog-redis-1');
    });
    expect(diff.equal).toBe(false);
    expect(lines(diff)).toContainEqual(
      expect.stringMatching(/^\+ container shop-web-2 \(.+, running\) on shop_default 10\.220\.1\.\d+\/16/),
    );
    expect(lines(diff)).toContainEqual(expect.stringMatching(/^- container blog-redis-1 \(.+\) on blog_default/));
    expect(diff.changes.find((c) => c.sign === '-')!.container!.name).toBe('blog-redis-1');
  });

  it('says a network was added, removed or given another subnet', () => {
    const diff = later((t) => {
      t.networks = t.networks.filter((n) => n.name !== 'proxy_edge');
      t.networks.find((n) => n.name === 'blog_default')!.subnets = [{ subnet: '10.99.0.0/24', gateway: '10.99.0.1', ipRange: null }];
    });
    expect(lines(diff)).toContain('- network proxy_edge (bridge, 10.220.9.0/24)');
    expect(lines(diff)).toContainEqual(
      expect.stringMatching(/^~ network blog_default: subnets 10\.220\.\d+\.0\/24 gw .* -> 10\.99\.0\.0\/24 gw 10\.99\.0\.1$/),
    );
  });

  it('sees endpoints joined and left, and an address, MAC and alias changed', () => {
    const diff = later((t) => {
      const api = container(t, 'shop-api-1');
      const backend = api.endpoints.find((e) => e.networkName === 'shop_backend')!;
      api.endpoints = api.endpoints.filter((e) => e !== backend);
      const web = container(t, 'shop-web-1');
      const chat = t.networks.find((n) => n.name === 'chat_default')!;
      web.endpoints.push({ ...structuredClone(web.endpoints[0]!), networkId: chat.id, networkName: chat.name, ipv4: '10.220.9.50/24' });
      const db = container(t, 'shop-db-1').endpoints[0]!;
      db.ipv4 = '10.220.2.200/24';
      db.mac = '02:42:0a:dc:02:c8';
      db.aliases = [...db.aliases, 'database'];
    });
    expect(lines(diff)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^- shop-api-1 left shop_backend 10\.220\.2\.\d+\/16$/),
        '+ shop-web-1 joined chat_default 10.220.9.50/24',
        expect.stringMatching(
          /^~ shop-db-1 on shop_backend: ipv4 10\.220\.2\.\d+\/16 -> 10\.220\.2\.200\/24; mac .+ -> 02:42:0a:dc:02:c8; aliases .*database/,
        ),
      ]),
    );
  });

  it('reports a container recreated (a new id), stopped, and a port published and withdrawn', () => {
    const diff = later((t) => {
      const mysql = container(t, 'blog-mysql-1');
      mysql.id = 'e'.repeat(64);
      mysql.state = 'exited';
      const web = container(t, 'shop-web-1');
      web.ports = [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8081 }];
    });
    expect(lines(diff)).toContainEqual(
      expect.stringMatching(/^~ container blog-mysql-1 \(recreated\): id \w{12} -> eeeeeeeeeeee; state running -> exited$/),
    );
    expect(lines(diff)).toContain('+ shop-web-1 publishes 127.0.0.1:8081 -> 80/tcp');
  });

  it('prints +, - and ~ lines under a header naming both sides, and counts them', () => {
    const diff = later((t) => {
      t.containers = t.containers.filter((c) => c.name !== 'blog-redis-1');
      container(t, 'blog-mysql-1').state = 'exited';
    });
    const text = formatDiff(diff, { from: 'monday.json', to: 'the engine' });
    expect(text.split('\n')[0]).toMatch(/^--- monday\.json \(/);
    expect(text.split('\n')[1]).toMatch(/^\+\+\+ the engine \(.*2026-11-30T08:00:00\.000Z\)$/);
    expect(text).toMatch(/^- container blog-redis-1/m);
    expect(text).toMatch(/^~ container blog-mysql-1: state running -> exited$/m);
    expect(text).toMatch(/2 changes: 0 added, 1 removed, 1 changed$/);
  });
});
