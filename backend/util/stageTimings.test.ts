import { describe, expect, it } from 'vitest';
import { parseTimingsReport, StageTimings } from './stageTimings';

describe('StageTimings', () => {
  it('reports stages in the order they began, and the bench reads the report back', async () => {
    const timings = new StageTimings();
    timings.record('node: start', 0, 40);
    await timings.time('docker: list', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    await expect(timings.time('fails', async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    const report = timings.report();
    const stages = parseTimingsReport(report);
    expect(stages.map((stage) => stage.name)).toEqual(['node: start', 'docker: list', 'fails']);
    expect(stages[0]).toEqual({ name: 'node: start', startMs: 0, endMs: 40 });
    expect(stages[1]!.endMs - stages[1]!.startMs).toBeGreaterThanOrEqual(19);
  });
});
