/**
 * The host's links are read whole once, then only those netlink named (the helper's watch on the host, which this
 * fake stands in for: what it is asked and what it answers). The real helper's read by ifindex is checked against
 * a whole dump in native-helper/netlink_test.go.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../common/helperProtocol.js';
import type { KernelLink } from '../../common/kernelFacts.js';
import { kernelLink } from '../../tests/fixtures/dockerJson.js';
import type { KernelView } from '../helper/kernelView.js';
import { Listeners } from '../util/listeners.js';
import { KernelFactCache } from './kernelFactCache.js';

function fakeHelper(host: KernelLink[]) {
  const asked: Array<number[] | 'all'> = [];
  const helper = {
    running: true,
    answers: true,
    changes: new Listeners<{ pid: number; hostLink?: number }>(),
    watch: async () => ({ watching: [0] }),
    snapshot: async (_targets: Target[], hostLinks?: number[]) => {
      asked.push(hostLinks ? [...hostLinks] : 'all');
      if (!helper.answers) return null;
      return { hostLinks: hostLinks ? host.filter((l) => hostLinks.includes(l.ifindex)) : [...host], namespaces: [] };
    },
  };
  // As LiveTopology does: a change the cache itself announces (the host now watched) comes back to it.
  return { helper, asked, follow: (cache: KernelFactCache) => helper.changes.add(({ pid, hostLink }) => cache.notePid(pid, hostLink)) };
}

const link = (ifindex: number, name: string) => kernelLink({ ifindex, name, kind: 'veth' });
const names = (cache: KernelFactCache) => cache.facts().kernel?.hostLinks.map((l) => l.name);
const watched = async (cache: KernelFactCache) => {
  cache.updateWatch();
  await new Promise((resolve) => setImmediate(resolve));
};

describe('KernelFactCache: the host links', () => {
  it('reads them whole until the host is watched, then only what netlink named, and keeps the rest', async () => {
    const host = [link(1, 'lo'), link(10, 'veth-a'), link(11, 'veth-b')];
    const { helper, asked, follow } = fakeHelper(host);
    const cache = new KernelFactCache(helper as unknown as KernelView, false);
    follow(cache);
    await cache.refresh([], () => undefined);
    await cache.refresh([], () => undefined); // not watched yet: whole again
    await watched(cache);
    await cache.refresh([], () => undefined); // watched now: once more whole (changes before the watch were not heard)
    host[2] = link(11, 'veth-b2'); // renamed
    host.push(link(12, 'veth-c')); // new
    host.splice(1, 1); // veth-a deleted
    for (const ifindex of [11, 12, 10]) cache.notePid(0, ifindex);
    await cache.refresh([], () => undefined);
    await cache.refresh([], () => undefined); // nothing named since: no host link read
    expect(asked).toEqual(['all', 'all', 'all', [11, 12, 10], []]);
    expect(names(cache)).toEqual(['lo', 'veth-b2', 'veth-c']);
  });

  it('reads them whole again when the kernel dropped notifications or the helper changed', async () => {
    const { helper, asked, follow } = fakeHelper([link(1, 'lo')]);
    const cache = new KernelFactCache(helper as unknown as KernelView, false);
    follow(cache);
    await cache.refresh([], () => undefined);
    await watched(cache);
    await cache.refresh([], () => undefined);
    cache.notePid(0); // an overrun: no ifindex
    await cache.refresh([], () => undefined);
    cache.helperChanged();
    await watched(cache);
    await cache.refresh([], () => undefined);
    expect(asked).toEqual(['all', 'all', 'all', 'all']);
    await cache.refresh([], () => undefined);
    expect(asked.at(-1)).toEqual([]);
  });

  it('does not count a watch answered by a helper that was replaced meanwhile', async () => {
    const { helper, asked, follow } = fakeHelper([link(1, 'lo')]);
    const cache = new KernelFactCache(helper as unknown as KernelView, false);
    follow(cache);
    await cache.refresh([], () => undefined);
    let answer: (value: { watching: number[] }) => void = () => {};
    helper.watch = () => new Promise((resolve) => (answer = resolve));
    cache.updateWatch();
    cache.helperChanged(); // the helper that was asked is gone before it answers
    answer({ watching: [0] });
    await new Promise((resolve) => setImmediate(resolve));
    await cache.refresh([], () => undefined);
    await cache.refresh([], () => undefined);
    expect(asked).toEqual(['all', 'all', 'all']);
  });

  it('asks again for what a failed read did not get', async () => {
    const { helper, asked, follow } = fakeHelper([link(1, 'lo'), link(10, 'veth-a')]);
    const cache = new KernelFactCache(helper as unknown as KernelView, false);
    follow(cache);
    await cache.refresh([], () => undefined);
    await watched(cache);
    await cache.refresh([], () => undefined);
    cache.notePid(0, 10);
    helper.answers = false;
    await cache.refresh([], () => undefined);
    helper.answers = true;
    await cache.refresh([], () => undefined);
    expect(asked.slice(2)).toEqual([[10], [10]]);
  });
});
