import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import type { Topology } from '../../../common/topology';
import { compareView } from './compareView';
import { MAX_CONTAINERS, MAX_NETWORKS, parseSnapshot } from '../../../common/snapshot';
import { buildGraph } from '../graph/buildGraph';
import { visibleIds } from '../layout/filter';
import { EMPTY_PLACEMENT, placeNodes } from '../layout/placeNodes';

const named = (t: Topology, name: string) => t.containers.find((c) => c.name === name)!;

describe('compareView', () => {
  const snapshot = composeHostTopology();
  const live = structuredClone(snapshot);
  live.containers = live.containers.filter((c) => c.name !== 'blog-redis-1');
  live.networks = live.networks.filter((n) => n.name !== 'proxy_edge');
  const traefik = named(live, 'proxy-traefik-1');
  traefik.endpoints = traefik.endpoints.filter((e) => e.networkName !== 'proxy_edge' && e.networkName !== 'chat_default');
  live.containers.push({ ...structuredClone(named(live, 'shop-web-1')), id: '9'.repeat(64), name: 'shop-web-2' });
  named(live, 'blog-mysql-1').state = 'exited';
  const { topology, marks, diff } = compareView(snapshot, live);

  it('brings back what was removed as ghosts, drawn as they were', () => {
    const redis = named(snapshot, 'blog-redis-1');
    expect(named(topology, 'blog-redis-1')).toMatchObject({ id: redis.id, state: 'running' });
    expect(topology.networks.some((n) => n.name === 'proxy_edge')).toBe(true);
    expect(marks.ghosts).toEqual(new Set([redis.id, snapshot.networks.find((n) => n.name === 'proxy_edge')!.id]));
    expect(marks.things.get(redis.id)).toEqual({ mark: 'removed', lines: [expect.stringMatching(/^- container blog-redis-1 /)] });
  });

  it('draws the wires a container left again, marked removed, on the live networks of the same name', () => {
    const chat = live.networks.find((n) => n.name === 'chat_default')!;
    const edge = snapshot.networks.find((n) => n.name === 'proxy_edge')!;
    expect(named(topology, 'proxy-traefik-1').endpoints.map((e) => e.networkName)).toEqual(
      expect.arrayContaining(['chat_default', 'proxy_edge']),
    );
    expect(marks.wires.get(`ep:${traefik.id}:${chat.id}`)).toBe('removed');
    expect(marks.wires.get(`ep:${traefik.id}:${edge.id}`)).toBe('removed');
    expect(marks.things.get(traefik.id)?.mark).toBe('changed');
    // The live container itself is untouched.
    expect(traefik.endpoints.some((e) => e.networkName === 'chat_default')).toBe(false);
  });

  it('marks what was added and what changed, with the diff’s lines', () => {
    expect(marks.things.get('9'.repeat(64))?.mark).toBe('added');
    expect(marks.things.get(named(live, 'blog-mysql-1').id)).toEqual({
      mark: 'changed',
      lines: ['~ container blog-mysql-1: state running -> exited'],
    });
    expect(diff.changes).toHaveLength(marks.things.size + 1);
  });

  it('gives the ghost of a renamed container an id of its own', () => {
    const renamed = structuredClone(snapshot);
    named(renamed, 'shop-db-1').name = 'shop-database';
    const view = compareView(snapshot, renamed);
    const ids = view.topology.containers.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(view.marks.things.get(`${named(snapshot, 'shop-db-1').id}~snapshot`)?.mark).toBe('removed');
  });
});

describe('a snapshot that is well-formed but makes no sense', () => {
  it('is drawn and compared without a crash: dangling network ids, duplicate ids and names, an owner that is not there', () => {
    const odd = structuredClone(composeHostTopology());
    odd.containers[0]!.endpoints[0]!.networkId = 'no-such-network';
    odd.containers[1]!.id = odd.containers[2]!.id;
    odd.containers[3]!.name = odd.containers[4]!.name;
    odd.containers[5]!.networkModeKind = 'container';
    odd.containers[5]!.netnsOwner = 'nobody';
    odd.networks.push({ ...odd.networks[3]!, id: odd.networks[4]!.id });
    odd.unmanagedLinks.push({
      kind: 'veth',
      name: 'x',
      ifindex: 9,
      mac: '',
      state: 'up',
      master: 'nowhere',
      networkId: 'gone',
      peer: null,
      stats: null,
    });
    const parsed = parseSnapshot(JSON.stringify(odd), 'odd.json');
    const placement = placeNodes(parsed, EMPTY_PLACEMENT, { aspect: 1.6, collapsed: new Set() });
    expect(() =>
      buildGraph({
        topology: parsed,
        placement,
        collapsed: new Set(),
        visible: visibleIds(parsed, ''),
        selection: null,
        highlight: null,
        showIdleNetworks: false,
      }),
    ).not.toThrow();
    const view = compareView(parsed, composeHostTopology());
    expect(view.diff.equal).toBe(false);
    expect(() => compareView(composeHostTopology(), parsed)).not.toThrow();
  });
});

// A snapshot is a file anyone can hand you. Once, the compare view searched the diff for each item (about 10^10
// steps for a crafted file) and hung the app: now it is linear, and what a real host cannot have is refused.
// The bound tells hours from seconds: about 1 s on an idle 2-core machine, 3 s while it also starts 500
// containers; what it takes is the bench's business, not this test's.
describe('compareView of a crafted snapshot, as large as is accepted', () => {
  it(`compares ${MAX_NETWORKS} networks and ${MAX_CONTAINERS} containers, all gone since, in seconds, not hours`, () => {
    const live = composeHostTopology();
    const crafted = composeHostTopology();
    const template = crafted.containers[0]!;
    crafted.networks = Array.from({ length: MAX_NETWORKS }, (_, i) => ({ ...crafted.networks[0]!, id: `n${i}`, name: `net-${i}` }));
    crafted.containers = Array.from({ length: MAX_CONTAINERS }, (_, i) => ({
      ...template,
      id: `c${i}`,
      name: `ctr-${i}`,
      endpoints: [{ ...template.endpoints[0]!, networkId: `n${i % MAX_NETWORKS}`, networkName: `net-${i % MAX_NETWORKS}` }],
    }));
    const text = JSON.stringify(crafted);
    const started = performance.now();
    const { marks } = compareView(parseSnapshot(text, 'crafted.json'), live);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(marks.ghosts.size).toBe(MAX_NETWORKS + MAX_CONTAINERS);
  });

  it('refuses, in words, a snapshot with more containers than a real host has', () => {
    const crafted = composeHostTopology();
    crafted.containers = Array.from({ length: MAX_CONTAINERS + 1 }, (_, i) => ({
      ...crafted.containers[0]!,
      id: `c${i}`,
      name: `ctr-${i}`,
    }));
    expect(() => parseSnapshot(JSON.stringify(crafted), 'crafted.json')).toThrow(
      `crafted.json is not a Dockwire snapshot: containers must be a list of at most ${MAX_CONTAINERS} items`,
    );
  });
});
