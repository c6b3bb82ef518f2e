import { describe, expect, it } from 'vitest';
import { applyPullMessage, finishPull, formatBytes, MAX_LAYERS, startPull, type PullMessage } from './pullProgress.js';

const fold = (messages: PullMessage[]) => messages.reduce(applyPullMessage, startPull(1, 'app:1'));
const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';

describe('pull progress', () => {
  it('follows each layer and sums the bytes of those whose size is known', () => {
    const progress = fold([
      { status: 'Pulling from team/app', id: '1' },
      { status: 'Pulling fs layer', id: A, progressDetail: {} },
      { status: 'Already exists', id: B, progressDetail: {} },
      { status: 'Downloading', id: A, progressDetail: { current: 250, total: 1000 } },
    ]);
    expect(progress.status).toBe('Pulling from team/app');
    expect(progress.layers).toEqual([
      { id: A, status: 'Downloading', current: 250, total: 1000, done: false },
      { id: B, status: 'Already exists', current: 0, total: null, done: true },
    ]);
    expect([progress.current, progress.total, progress.percent]).toEqual([250, 1000, 25]);
  });

  it('counts a layer whole once downloaded, and reaches 100 only when every layer is complete', () => {
    const downloaded = fold([
      { status: 'Downloading', id: A, progressDetail: { current: 999, total: 1000 } },
      { status: 'Download complete', id: A },
      { status: 'Extracting', id: A, progressDetail: { current: 10, total: 5000 } },
    ]);
    expect([downloaded.current, downloaded.percent]).toEqual([1000, 99]);
    const complete = applyPullMessage(downloaded, { status: 'Pull complete', id: A });
    expect(complete.percent).toBe(100);
    expect(finishPull(complete, 'Status: Downloaded newer image for app:1')).toMatchObject({ finished: true, percent: 100 });
  });

  it('ignores what it cannot use: no status, negative or absurd numbers, more layers than any image has', () => {
    const odd = fold([
      {},
      { status: 'Downloading', id: A, progressDetail: { current: -5, total: Number.NaN } },
      ...Array.from({ length: MAX_LAYERS + 10 }, (_, i) => ({ status: 'Waiting', id: i.toString(16).padStart(12, '0') })),
    ]);
    expect(odd.layers).toHaveLength(MAX_LAYERS);
    expect(odd.layers[0]).toMatchObject({ id: A, current: 0, total: null });
    expect(odd.percent).toBe(0);
  });

  it('says bytes as the engine does', () => {
    expect([formatBytes(17), formatBytes(640_000), formatBytes(12_345_678), formatBytes(2_000_000_000)]).toEqual([
      '17 B',
      '640 kB',
      '12 MB',
      '2.0 GB',
    ]);
  });
});
