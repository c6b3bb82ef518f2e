import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../common/buildTopology';
import { facts, networkJson } from '../../tests/fixtures/dockerJson';
import type { KernelView } from '../helper/kernelView';
import { AllPairsRuns } from './allPairs';

describe('AllPairsRuns', () => {
  it('forgets a run once it ends, and cancelling unknown runs holds nothing', async () => {
    const runs = new AllPairsRuns(null as never, { running: false } as KernelView);
    for (let id = 0; id < 100_000; id++) runs.cancel(id);
    expect(runs.active).toBe(0);
    const finished = new Promise((resolve) => runs.progress.add((p) => p.finished && resolve(p)));
    const topology = buildTopology(facts([networkJson('empty')], []), 1, 'now');
    expect(runs.start(topology, 'empty')).toMatchObject({ total: 0, containers: [] });
    expect(await finished).toMatchObject({ finished: true, cancelled: false });
    expect(runs.active).toBe(0);
  });
});
