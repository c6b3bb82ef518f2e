/**
 * Namespaces read while the inspects come in: asked only once the helper is ready, one request at a time
 * carrying everything that came meanwhile, and handed to the refresh by pid. The fake stands in for the
 * helper's snapshot request (what it is asked, and when it answers); the real read is in the integration tests.
 */
import { describe, expect, it } from 'vitest';
import type { Target } from '../../common/helperProtocol.js';
import type { KernelNamespace } from '../../common/kernelFacts.js';
import { containerJson } from '../../tests/fixtures/dockerJson.js';
import type { KernelView } from '../helper/kernelView.js';
import { NamespacePrefetch, namespaceTarget } from './namespacePrefetch.js';

function fakeHelper() {
  const asked: number[][] = [];
  const pending: Array<() => void> = [];
  const helper = {
    running: true,
    fails: false,
    staleIds: new Set<number>(),
    call: (_method: 'snapshot', params: { targets: Target[]; hostLinks: number[] }) => {
      asked.push(params.targets.map((t) => t.pid));
      expect(params.hostLinks).toEqual([]); // the host's links are the refresh's to read
      return new Promise((resolve, reject) =>
        pending.push(() =>
          helper.fails
            ? reject(new Error('the helper stopped'))
            : resolve({
                host: { links: [] },
                namespaces: params.targets.map((t) => ({ pid: t.pid, ...(helper.staleIds.has(t.pid) ? { error: 'stale-pid' } : {}) })),
              }),
        ),
      );
    },
  };
  const answerOne = async () => {
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { helper, asked, answerOne, prefetch: new NamespacePrefetch(helper as unknown as KernelView) };
}

const running = (pid: number, mode = 'bridge') =>
  containerJson(`c${pid}`, mode, {}, { State: { Status: 'running', Running: true, Pid: pid, ExitCode: 0 } });
const pidsOf = (read: Map<number, KernelNamespace>) => [...read.keys()].sort((a, b) => a - b);

describe('NamespacePrefetch', () => {
  it('asks nothing until the helper is ready, then one request at a time with all that came meanwhile', async () => {
    const { asked, answerOne, prefetch } = fakeHelper();
    prefetch.begin();
    prefetch.add(running(101));
    prefetch.add(running(102));
    expect(asked).toEqual([]); // the helper has not started and swept yet
    prefetch.ready();
    expect(asked).toEqual([[101, 102]]);
    prefetch.add(running(103));
    prefetch.add(running(104));
    expect(asked).toHaveLength(1); // one under way: the others wait for it
    await answerOne();
    expect(asked).toEqual([
      [101, 102],
      [103, 104],
    ]);
    await answerOne();
    expect(pidsOf(await prefetch.end())).toEqual([101, 102, 103, 104]);
  });

  it('asks only for namespaces of their own: not host, container:<x>, or stopped containers', () => {
    const { asked, prefetch } = fakeHelper();
    prefetch.begin();
    prefetch.ready();
    prefetch.add(running(201, 'host'));
    prefetch.add(running(202, `container:${'a'.repeat(64)}`));
    prefetch.add(containerJson('stopped', 'bridge', {}, { State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 0 } }));
    prefetch.add(running(203, 'none'));
    expect(asked).toEqual([[203]]);
    expect(namespaceTarget(running(204))).toEqual({ pid: 204, container: running(204).Id });
  });

  it('end waits for the request under way, leaves what still waited to the refresh, and keeps no failed read', async () => {
    const { helper, asked, answerOne, prefetch } = fakeHelper();
    helper.staleIds.add(302);
    prefetch.begin();
    prefetch.ready();
    prefetch.add(running(301));
    prefetch.add(running(302));
    const ended = prefetch.end();
    prefetch.add(running(303)); // after the end: not asked here
    await answerOne();
    expect(pidsOf(await ended)).toEqual([301]); // 302's pid was stale: the refresh asks again
    expect(asked).toEqual([[301]]);
  });

  it('a request that fails hands over nothing, and the next read starts clean', async () => {
    const { helper, answerOne, prefetch } = fakeHelper();
    helper.fails = true;
    prefetch.begin();
    prefetch.ready();
    prefetch.add(running(401));
    await answerOne();
    expect(pidsOf(await prefetch.end())).toEqual([]);
    helper.fails = false;
    prefetch.begin();
    prefetch.add(running(402));
    prefetch.ready();
    await answerOne();
    expect(pidsOf(await prefetch.end())).toEqual([402]);
  });

  it('asks nothing while the helper is not running', async () => {
    const { helper, asked, prefetch } = fakeHelper();
    helper.running = false;
    prefetch.begin();
    prefetch.ready();
    prefetch.add(running(501));
    expect(asked).toEqual([]);
    expect(pidsOf(await prefetch.end())).toEqual([]);
  });
});
