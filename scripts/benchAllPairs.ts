/**
 * The bench's all-pairs part: DNS and ping between every ordered pair of MATRIX_SIZE containers on one network
 * through Dockwire, beside `docker exec <a> ping -c 1 <b>` for every pair, as a person would do it by hand.
 */
import type { createBackend } from '../backend/backend';
import { docker, IMAGE, LABEL, median, run } from './benchCommon';

const MATRIX_SIZE = Number(process.env.BENCH_MATRIX_SIZE ?? 20);
const MATRIX_RUNS = Number(process.env.BENCH_MATRIX_RUNS ?? 5);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);

/** One all-pairs run through Dockwire, timed from the request to the last cell. */
async function allPairsOnce(
  backend: ReturnType<typeof createBackend>,
  network: string,
): Promise<{ ms: number; cells: number; failed: number }> {
  const started = performance.now();
  let cells = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const unsubscribe = backend.on('allPairs', (progress) => {
      if (progress.cell) {
        cells++;
        if (progress.cell.dns !== 'pass' || progress.cell.ping !== 'pass') failed++;
      }
      if (progress.finished) {
        unsubscribe();
        resolve();
      }
    });
    void backend.handlers.startAllPairs({ network });
  });
  return { ms: performance.now() - started, cells, failed };
}

/** What a person does by hand: docker exec ping, pair after pair. */
async function allPairsBaselineOnce(names: string[], ips: Map<string, string>): Promise<number> {
  const started = performance.now();
  for (const from of names)
    for (const to of names) if (from !== to) await run('docker', ['exec', from, 'ping', '-c', '1', '-W', '1', ips.get(to)!]);
  return performance.now() - started;
}

export async function allPairsBench(backend: ReturnType<typeof createBackend>): Promise<string> {
  await docker('network', 'create', '--label', LABEL, '--subnet', '10.199.0.0/24', 'bench-all-pairs');
  const names = Array.from({ length: MATRIX_SIZE }, (_, i) => `bench-m-${i}`);
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map((name) => docker('run', '-d', '--label', LABEL, '--name', name, '--network', 'bench-all-pairs', IMAGE)),
    );
  }
  await backend.refreshAll();
  const ips = new Map<string, string>();
  for (const name of names)
    ips.set(name, await docker('inspect', '-f', '{{(index .NetworkSettings.Networks "bench-all-pairs").IPAddress}}', name));
  await allPairsOnce(backend, 'bench-all-pairs'); // warm up
  const ours: number[] = [];
  let last = { cells: 0, failed: 0 };
  for (let i = 0; i < MATRIX_RUNS; i++) {
    const result = await allPairsOnce(backend, 'bench-all-pairs');
    ours.push(result.ms);
    last = result;
  }
  const theirs: number[] = [];
  for (let i = 0; i < BASELINE_RUNS; i++) theirs.push(await allPairsBaselineOnce(names, ips));
  const pairs = MATRIX_SIZE * (MATRIX_SIZE - 1);
  return [
    `\nAll pairs on one network: ${MATRIX_SIZE} containers, ${pairs} ordered pairs (${last.cells} cells, ${last.failed} failed); medians of ${MATRIX_RUNS} (Dockwire: DNS + ping) and ${BASELINE_RUNS} (by hand: docker exec ping only)`,
    '| pairs | Dockwire median (ms) | docker exec ping, median (ms) | speed-up |',
    '|------:|---------------------:|------------------------------:|---------:|',
    `| ${String(pairs).padStart(5)} | ${median(ours).toFixed(0).padStart(20)} | ${median(theirs).toFixed(0).padStart(29)} | ${(median(theirs) / median(ours)).toFixed(1).padStart(7)}x |`,
  ].join('\n');
}
