/**
 * `npm run bench`: how long Dockwire takes to build the full Topology (Docker
 * and kernel facts) for N containers over M networks, beside a baseline run in
 * the same session that does what a person does by hand: `docker inspect`,
 * then `nsenter -t PID -n ip -j link`, per container. Medians of several runs.
 * Needs the private engine (scripts/bench.sh starts it).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createBackend } from '../backend/backend';

const run = promisify(execFile);
const LABEL = 'dockwire.bench=1';
const IMAGE = 'dockwire-test/busybox:1';
const NETWORKS = 4;
const SIZES = (process.env.BENCH_SIZES ?? '50,200').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);

const docker = async (...args: string[]) => (await run('docker', args, { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function cleanup(): Promise<void> {
  const containers = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  for (let i = 0; i < containers.length; i += 50) await docker('rm', '-f', ...containers.slice(i, i + 50));
  const networks = (await docker('network', 'ls', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (networks.length) await docker('network', 'rm', ...networks);
}

async function grow(total: number): Promise<void> {
  const existing = (await docker('ps', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean).length;
  const names = Array.from({ length: total - existing }, (_, i) => `bench-${existing + i}`);
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map((name, j) => docker('run', '-d', '--label', LABEL, '--name', name, '--network', `bench-net-${(existing + i + j) % NETWORKS}`, IMAGE)),
    );
  }
}

/** What a person types: docker inspect, then ip link inside the namespace, container after container. */
async function baselineOnce(): Promise<number> {
  const started = performance.now();
  const ids = (await docker('ps', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  for (const id of ids) {
    const pid = JSON.parse(await docker('inspect', id))[0].State.Pid as number;
    await run('nsenter', ['-t', String(pid), '-n', 'ip', '-j', 'link']);
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: run npm run bench (scripts/bench.sh starts the private engine)');
  await cleanup();
  for (let i = 0; i < NETWORKS; i++) await docker('network', 'create', '--label', LABEL, '--subnet', `10.${200 + i}.0.0/16`, `bench-net-${i}`);
  const backend = createBackend({ env: process.env, safetyRelistMs: 3_600_000 });
  const rows: string[] = [];
  try {
    const first = await backend.handlers.getTopology({});
    if (first.helper.mode !== 'container' && first.helper.mode !== 'local') throw new Error(`the helper is not running: ${first.helper.reason}`);
    for (const size of SIZES) {
      await grow(size);
      await backend.refreshAll(); // warm up
      const dockwire: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await backend.refreshAll();
        dockwire.push(performance.now() - started);
      }
      const topology = await backend.handlers.getTopology({});
      const paired = topology.containers.filter((c) => c.endpoints.some((e) => e.hostVeth)).length;
      const baseline: number[] = [];
      for (let i = 0; i < BASELINE_RUNS; i++) baseline.push(await baselineOnce());
      const ours = median(dockwire);
      const theirs = median(baseline);
      rows.push(
        `| ${String(size).padStart(10)} | ${String(paired).padStart(12)} | ${ours.toFixed(0).padStart(20)} | ${theirs.toFixed(0).padStart(22)} | ${(theirs / ours).toFixed(1).padStart(7)}x |`,
      );
    }
  } finally {
    await backend.stop();
    await cleanup();
  }
  console.log(`\nFull Topology build (Docker + kernel facts), ${NETWORKS} networks; medians of ${RUNS} (Dockwire) and ${BASELINE_RUNS} (baseline) runs`);
  console.log('| containers | veths paired | Dockwire median (ms) | by hand, median (ms)   | speed-up |');
  console.log('|-----------:|-------------:|---------------------:|-----------------------:|---------:|');
  for (const row of rows) console.log(row);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
