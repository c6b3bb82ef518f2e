import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../tests/fixtures/composeHost';
import type { Topology } from './topology';
import { applyPatch, makePatch } from './topologyPatch';

/** The next Topology as the backend builds it: fresh objects throughout, one version on. */
const nextOf = (topology: Topology, change: (next: Topology) => void = () => {}): Topology => {
  const next = JSON.parse(JSON.stringify(topology)) as Topology;
  next.version = topology.version + 1;
  next.generatedAt = '2026-11-29T20:00:00.000Z';
  change(next);
  return next;
};

/** Through the wire and back, as the page receives it. */
const sent = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('topology patches', () => {
  it('carry only what changed, and give back the base objects for the rest', () => {
    const base = composeHostTopology();
    const next = nextOf(base, (t) => {
      t.containers[3]!.state = 'exited';
    });
    const patch = makePatch(base, next);
    expect(Object.keys(patch.lists)).toEqual(['containers']);
    expect(patch.lists.containers).toEqual({ changed: [next.containers[3]] });
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(next).length / 5);

    const applied = applyPatch(base, sent(patch))!;
    expect(applied).toEqual(next);
    expect(applied.networks).toBe(base.networks);
    expect(applied.containers.filter((c, i) => c !== base.containers[i]).map((c) => c.name)).toEqual([next.containers[3]!.name]);
  });

  it('add, remove and reorder items by their keys', () => {
    const base = composeHostTopology();
    const next = nextOf(base, (t) => {
      const [removed] = t.containers.splice(1, 1);
      t.containers.push({ ...removed!, id: 'f'.repeat(64), name: 'newcomer' });
      t.networks.reverse();
      t.unmanagedLinks = [];
    });
    const patch = sent(makePatch(base, next));
    expect(patch.lists.containers!.changed).toHaveLength(1);
    expect(patch.lists.networks).toEqual({ changed: [], order: next.networks.map((n) => n.id) });
    expect(applyPatch(base, patch)).toEqual(next);
    // Nothing changed: nothing in the lists.
    expect(makePatch(next, nextOf(next)).lists).toEqual({});
  });

  it('tell apart links of two engines with one ifindex (each namespace numbers its own)', () => {
    const base = composeHostTopology();
    const link = { ...base.unmanagedLinks[0]!, kind: 'veth' as const, ifindex: 2, name: 'eth0' };
    const one = nextOf(
      base,
      (t) =>
        (t.unmanagedLinks = [
          { ...link, host: 'node1' },
          { ...link, host: 'node2' },
        ]),
    );
    const next = nextOf(one, (t) => (t.unmanagedLinks[1]!.state = 'down'));
    const applied = applyPatch(one, sent(makePatch(one, next)))!;
    expect(applied.unmanagedLinks.map((l) => [l.host, l.state])).toEqual([
      ['node1', link.state],
      ['node2', 'down'],
    ]);
  });

  it('refuse a base they were not made for, and keys the base does not have', () => {
    const base = composeHostTopology();
    const next = nextOf(base, (t) => {
      t.containers[0]!.state = 'exited';
    });
    const patch = sent(makePatch(base, next));
    expect(applyPatch({ ...base, version: base.version + 7 }, patch)).toBeNull();
    const unknown = sent(patch);
    (unknown.lists.containers!.changed[0] as { id: string }).id = 'not-in-the-base';
    expect(applyPatch(base, unknown)).toBeNull();
    const missing = sent(
      makePatch(
        base,
        nextOf(base, (t) => t.networks.pop()),
      ),
    );
    missing.lists.networks!.order!.push('gone');
    expect(applyPatch(base, missing)).toBeNull();
    // Garbage in the shape of a message: refused, never thrown.
    for (const garbage of [
      null,
      42,
      'x',
      {},
      { base: base.version },
      { base: base.version, top: {}, lists: { containers: { changed: 7 } } },
      { base: base.version, top: {}, lists: { networks: { changed: [null], order: 'abc' } } },
    ])
      expect(applyPatch(base, garbage as never)).toBeNull();
  });
});
