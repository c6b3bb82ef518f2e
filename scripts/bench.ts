/**
 * `npm run bench`: how long Dockwire takes to build the full Topology (Docker
 * and kernel facts) for N containers over M networks, beside a baseline run in
 * the same session that does what a person does by hand: `docker inspect`,
 * then `nsenter -t PID -n ip -j link`, per container. Medians of several runs.
 * Then all pairs (DNS and ping) for 20 containers on one network,
 * beside `docker exec <a> ping -c 1 <b>` for every ordered pair; then a
 * trace's time, passing and lost, and its answer's delay after its last packet.
 * Then the big hosts (BENCH_BIG_SIZES, 500 and 1000 containers): the cold
 * `dockwire topology --json --fresh` as a whole process, stage by stage from its
 * --timings (its helper in the kept container), each run paired with one whose
 * helper is a container of its own (DOCKWIRE_HELPER_KEEP=0), with the by-hand
 * baseline run between its runs; the warm one,
 * answered by a running `dockwire serve`; serve's memory; the page's first view
 * and live changes in Chromium.
 * BENCH_ONLY=big|live|traffic|trace|hosts runs one part alone (hosts: three engines, ./benchHosts.ts); BENCH_REUSE=1 keeps what an interrupted run left;
 * BENCH_KEEP=1 leaves a one-part run's containers for the next (BENCH_REUSE=1) run.
 * Needs the private engine (scripts/bench.sh starts it).
 */
import { readFileSync } from 'node:fs';
import { createBackend } from '../backend/backend';
import { askWarm } from '../backend/cli/warmTopology';
import { privateSocketDir, warmSocketPath } from '../backend/util/privateSocket';
import type { Stage } from '../backend/util/stageTimings';
import { allPairsBench } from './benchAllPairs';
import { browserBench, serve } from './benchBrowser';
import { cliOnce, nodeAloneOnce, stagesTable } from './benchCli';
import { docker, IMAGE, LABEL, median, run } from './benchCommon';
import { hostsBench } from './benchHosts';
import { publishBench } from './benchPublish';

const NETWORKS = 4;
const SIZES = (process.env.BENCH_SIZES ?? '50,200').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 3);
/** The big hosts: this many containers over BIG_NETWORKS networks, for the whole-process, memory and browser numbers. */
const BIG_SIZES = (process.env.BENCH_BIG_SIZES ?? '500,1000').split(',').map(Number);
const BIG = BIG_SIZES[0]!;
/** The budgets of the cold `topology --json` by size (issue #26). */
const COLD_BUDGET_MS: Record<number, number> = { 500: 600, 1000: 1000 };
const BIG_NETWORKS = 10;
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 9);
const TRACE_RUNS = Number(process.env.BENCH_TRACE_RUNS ?? 7);

async function cleanup(): Promise<void> {
  const containers = (await docker('ps', '-aq', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  // Stopped first, then removed: `rm -f` of hundreds at once can leak endpoints in Docker 20.10 (see tests/support/docker.ts).
  for (let i = 0; i < containers.length; i += 50) {
    await docker('stop', '-t', '0', ...containers.slice(i, i + 50));
    await docker('rm', ...containers.slice(i, i + 50));
  }
  const networks = (await docker('network', 'ls', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (networks.length) await docker('network', 'rm', ...networks);
}

async function grow(total: number): Promise<void> {
  const existing = (await docker('ps', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean).length;
  const names = Array.from({ length: total - existing }, (_, i) => `bench-${existing + i}`);
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names
        .slice(i, i + 8)
        .map((name, j) =>
          docker('run', '-d', '--label', LABEL, '--name', name, '--network', `bench-net-${(existing + i + j) % NETWORKS}`, IMAGE),
        ),
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

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))]!;

/** Grows the big host to `total` containers over its networks (bench-big-N, made on the first call), ten at a time. */
async function growBig(total: number): Promise<void> {
  const networks = new Set((await docker('network', 'ls', '--format', '{{.Name}}')).split('\n'));
  for (let i = 0; i < BIG_NETWORKS; i++)
    if (!networks.has(`bench-big-${i}`))
      await docker('network', 'create', '--label', LABEL, '--subnet', `10.${160 + i * 4}.0.0/22`, `bench-big-${i}`);
  const existing = (await docker('ps', '-aq', '--filter', 'name=^bench-b-')).split('\n').filter(Boolean).length;
  const names = Array.from({ length: total - existing }, (_, i) => `bench-b-${existing + i}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(
      names
        .slice(i, i + 10)
        .map((name, j) =>
          docker('run', '-d', '--label', LABEL, '--name', name, '--network', `bench-big-${(existing + i + j) % BIG_NETWORKS}`, IMAGE),
        ),
    );
  }
}

/** CPU seconds a process has used (user + system), from /proc: the helper runs in its own process, in a container. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/**
 * Live rates on a host of BIG containers: every container's counters sampled once a second, as the app does
 * for what is on screen (here: all of them), for SAMPLING_SECONDS. The cost is the backend's and the helper's
 * CPU over that time, as a share of one core.
 */
const SAMPLING_SECONDS = Number(process.env.BENCH_SAMPLING_SECONDS ?? 30);
const SETTLE_SECONDS = 15;
async function samplingBench(backend: ReturnType<typeof createBackend>): Promise<string> {
  await backend.refreshAll();
  const topology = await backend.handlers.getTopology({});
  const names = topology.containers.filter((c) => c.name.startsWith('bench-b-')).map((c) => c.name);
  const helperPid = Number(
    await docker('inspect', '-f', '{{.State.Pid}}', (await docker('ps', '-q', '--filter', 'label=dockwire.helper.owner')).split('\n')[0]!),
  );
  await backend.handlers.counters({ containers: names }); // warm up
  // Let the backend settle first: creating the host sent it hundreds of events, and re-reading them is not sampling's cost.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  const [ownBefore, helperBefore, started] = [process.cpuUsage(), cpuSecondsOf(helperPid), performance.now()];
  const sampleMs: number[] = [];
  let endpoints = 0;
  for (let tick = 0; tick < SAMPLING_SECONDS; tick++) {
    const due = started + (tick + 1) * 1000;
    const begun = performance.now();
    endpoints = (await backend.handlers.counters({ containers: names })).endpoints.length;
    sampleMs.push(performance.now() - begun);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  const wall = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  const backendShare = (own.user + own.system) / 1e6 / wall;
  const helperShare = (cpuSecondsOf(helperPid) - helperBefore) / wall;
  return [
    `| live rates: ${names.length} containers (${endpoints} wires) sampled every second for ${SAMPLING_SECONDS} s, backend + helper CPU | ${((backendShare + helperShare) * 100).toFixed(1)}% of one core (backend ${(backendShare * 100).toFixed(1)}%, helper ${(helperShare * 100).toFixed(1)}%) | 5% |`,
    `| live rates: one sample of them all, request to answer | ${median(sampleMs).toFixed(0)} ms | |`,
  ].join('\n');
}

/**
 * One big host: the cold `topology --json` beside the by-hand baseline, their runs interleaved so both see the
 * same machine; then, with a `dockwire serve` following the engine, the warm `topology --json`, serve's memory,
 * the page's first view and its live changes.
 */
async function bigHostBench(size: number): Promise<string> {
  await growBig(size);
  // Sampling needs a backend of the bench's own; it is stopped before the rest, so that no backend but the
  // ones measured follows the engine (each CLI run's helper container sends it events to read).
  let sampling = '';
  if (size === BIG) {
    const sampler = createBackend({ env: process.env, safetyRelistMs: 3_600_000 });
    try {
      await sampler.handlers.getTopology({});
      sampling = `\n${await samplingBench(sampler)}`;
    } finally {
      await sampler.stop();
    }
  }
  await cliOnce(); // warm up (the helper image exists from now on)
  const cold: number[] = [];
  // Each cold run is paired with one that starts and removes a helper container of its own, as every command
  // did before the kept helper (DOCKWIRE_HELPER_KEEP=0): what a command costs when none is kept.
  const coldOwnHelper: number[] = [];
  const stages: Stage[][] = [];
  const baseline: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    const once = await cliOnce();
    cold.push(once.ms);
    stages.push(once.stages);
    coldOwnHelper.push((await cliOnce(['--fresh'], { ...process.env, DOCKWIRE_HELPER_KEEP: '0' })).ms);
    if (i % Math.ceil(CLI_RUNS / BASELINE_RUNS) === 0) baseline.push(await baselineOnce());
  }
  const share = median(cold) / median(baseline);
  return [
    `\n${size} containers over ${BIG_NETWORKS} networks`,
    '| measure | median | budget |',
    '|---|---:|---:|',
    `| \`dockwire topology --json --fresh\` (cold; its helper runs in the kept container), whole process (${CLI_RUNS} runs) | ${median(cold).toFixed(0)} ms | ${COLD_BUDGET_MS[size] ?? '–'} ms |`,
    `| the same, each run starting its own helper container (DOCKWIRE_HELPER_KEEP=0), runs between those | ${median(coldOwnHelper).toFixed(0)} ms | |`,
    `| by hand (docker inspect + nsenter ip link, per container), runs between those (${baseline.length}) | ${median(baseline).toFixed(0)} ms | |`,
    `| cold Dockwire as a share of by hand | ${share.toFixed(3)} (${(1 / share).toFixed(0)}x faster) | 0.03 |`,
    await liveBench(size),
    sampling,
    '',
    stagesTable(stages),
  ].join('\n');
}

/** A real `dockwire serve` and its page on the big host: the warm CLI, memory, the first view, and live changes. */
async function liveBench(size: number): Promise<string> {
  // The backend's share of a change first, alone (no serve and page beside it).
  const published = await publishBench(
    Array.from({ length: 8 }, (_, i) => `bench-b-${i * BIG_NETWORKS + 5}`),
    'bench-big-1',
  );
  const server = await serve();
  let rssMb: number;
  let browser: Awaited<ReturnType<typeof browserBench>>;
  const warm: number[] = [];
  const nodeAlone: number[] = [];
  try {
    // Warm: the CLI answered by serve's live model (once it has read the host and runs its kernel view).
    const socket = warmSocketPath(privateSocketDir(process.env, process.getuid!()), process.env.DOCKER_HOST!);
    for (let i = 0; i < 300 && !(await askWarm(socket, process.env.DOCKER_HOST!)).ok; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await cliOnce([]);
    for (let i = 0; i < CLI_RUNS; i++) {
      const once = await cliOnce([]);
      if (!once.stderr.includes('ask the running Dockwire')) throw new Error(`the warm CLI read afresh:\n${once.stderr}`);
      warm.push(once.ms);
      nodeAlone.push(await nodeAloneOnce());
    }
    const targets = Array.from({ length: 10 }, (_, i) => ({
      container: `bench-b-${i * BIG_NETWORKS}`,
      network: `bench-big-${1 + (i % (BIG_NETWORKS - 1))}`,
    }));
    browser = await browserBench(server.url, targets, { group: 'by hand · bench-big-0', filter: 'bench-big-0' });
    // Its memory once the page has loaded the whole host.
    rssMb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } finally {
    server.stop();
  }
  const drawn = browser.connectToDrawnMs;
  return [
    `| \`dockwire topology --json\` (warm: serve follows the engine), whole process (${CLI_RUNS} runs) | ${median(warm).toFixed(0)} ms | 150 ms |`,
    `| Node alone (\`node -e 0\`, same environment${process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : ''}), runs between those | ${median(nodeAlone).toFixed(0)} ms | |`,
    `| \`dockwire serve\` memory (RSS) with the page loaded | ${rssMb.toFixed(0)} MB | ${size >= 1000 ? 200 : 150} MB |`,
    `| browser: first view settled, from navigation | ${browser.settledMs} ms | 2000 ms |`,
    `| browser: longest main-thread task while loading | ${browser.longestLoadTaskMs.toFixed(0)} ms | 200 ms |`,
    `| browser: longest task per live change (median of ${browser.longestChangeTaskMs.length}) | ${median(browser.longestChangeTaskMs).toFixed(0)} ms | 50 ms |`,
    `| backend: \`docker network connect\` / \`disconnect\` returned -> Topology published (median of 8) | ${published.connectMs.toFixed(0)} / ${published.disconnectMs.toFixed(0)} ms | |`,
    `| browser: \`docker network connect\` returned -> row drawn, p50 / p95 | ${percentile(drawn, 50)} / ${percentile(drawn, 95)} ms | 100 / 200 ms |`,
    `| of that, until the page has the Topology message (p50), and its size | ${percentile(browser.connectToMessageMs, 50)} ms, ${(median(browser.messageBytes) / 1024).toFixed(0)} KB | |`,
  ].join('\n');
}

/**
 * A trace, passing (two containers on one network) and lost (across two networks: Docker's isolation drops it):
 * the whole call, and how long after the trace's last packet (sent or seen) its answer came (budget: 2 s).
 */
async function traceBench(backend: ReturnType<typeof createBackend>): Promise<string> {
  // Networks of its own: the other measures' cleanup removes theirs.
  await docker('network', 'create', '--label', LABEL, '--subnet', '10.210.0.0/24', 'bench-trace-near');
  await docker('network', 'create', '--label', LABEL, '--subnet', '10.211.0.0/24', 'bench-trace-far');
  const placed: Array<[string, string]> = [
    ['bench-trace-a', 'bench-trace-near'],
    ['bench-trace-b', 'bench-trace-near'],
    ['bench-trace-c', 'bench-trace-far'],
  ];
  for (const [name, network] of placed) await docker('run', '-d', '--label', LABEL, '--name', name, '--network', network, IMAGE);
  const ready = (t: Awaited<ReturnType<typeof backend.handlers.getTopology>>) =>
    ['bench-trace-a', 'bench-trace-b', 'bench-trace-c'].every((n) => t.containers.find((c) => c.name === n)?.endpoints[0]?.hostVeth);
  for (let i = 0; i < 50 && !ready(await backend.handlers.getTopology({})); i++) await backend.refreshAll();
  const rows: string[] = [];
  for (const [label, target, outcome] of [
    ['passing (one network)', 'bench-trace-b', 'passed'],
    ['lost (isolated networks)', 'bench-trace-c', 'lost'],
  ] as const) {
    const total: number[] = [];
    const afterLast: number[] = [];
    for (let i = 0; i < TRACE_RUNS; i++) {
      const started = performance.now();
      const report = await backend.handlers.trace({ from: 'bench-trace-a', target });
      const elapsed = performance.now() - started;
      if (report.outcome !== outcome) throw new Error(`the ${label} trace came out ${report.outcome}`);
      total.push(elapsed);
      afterLast.push(elapsed - report.lastPacketMs);
    }
    rows.push(`| trace ${label}, ping: whole call (${TRACE_RUNS} runs) | ${median(total).toFixed(0)} ms | |`);
    rows.push(`| trace ${label}: answer after its last packet | ${median(afterLast).toFixed(0)} ms | 2000 ms |`);
  }
  return rows.join('\n');
}

/** The parts BENCH_ONLY may name (each one's table is in main). */
const BENCH_PARTS = ['big', 'live', 'trace', 'traffic', 'hosts'] as const;
type BenchPart = (typeof BENCH_PARTS)[number];
const isBenchPart = (name: string): name is BenchPart => (BENCH_PARTS as readonly string[]).includes(name);

async function main(): Promise<void> {
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: run npm run bench (scripts/bench.sh starts the private engine)');
  // BENCH_ONLY=big|live|trace|traffic|hosts: one part alone. Checked before anything is made, so a typo leaves nothing behind.
  const only = process.env.BENCH_ONLY;
  if (only !== undefined && !isBenchPart(only)) throw new Error(`BENCH_ONLY takes ${BENCH_PARTS.join(', ')}, not "${only}"`);
  // BENCH_REUSE=1: keep the containers an interrupted run left (the big host grows from what is there).
  if (!process.env.BENCH_REUSE) await cleanup();
  const networks = new Set((await docker('network', 'ls', '--format', '{{.Name}}')).split('\n'));
  for (let i = 0; i < NETWORKS; i++)
    if (!networks.has(`bench-net-${i}`))
      await docker('network', 'create', '--label', LABEL, '--subnet', `10.${200 + i}.0.0/16`, `bench-net-${i}`);
  const backend = createBackend({ env: process.env, safetyRelistMs: 3_600_000 });
  if (only) {
    const table = (title: string, rows: string) => `\n${title}\n| measure | median | budget |\n|---|---:|---:|\n${rows}`;
    const bigHost = `${BIG} containers over ${BIG_NETWORKS} networks`;
    const parts: Record<BenchPart, () => Promise<string>> = {
      // The big hosts (cold and warm CLI beside by hand, serve, the page); the bench's own backend stops first.
      big: async () => {
        await backend.stop();
        const tables = [];
        for (const size of BIG_SIZES) tables.push(await bigHostBench(size));
        return tables.join('\n');
      },
      // The browser's live changes on the big host (where a change's time goes).
      live: async () => (await growBig(BIG), table(bigHost, await liveBench(BIG))),
      trace: async () => table('Trace', await traceBench(backend)),
      // The live-rates measure on the big host.
      traffic: async () => (await growBig(BIG), table(bigHost, await samplingBench(backend))),
      // Three engines in one window (the lab): ./benchHosts.ts.
      hosts: hostsBench,
    };
    try {
      await backend.handlers.getTopology({});
      console.log(await parts[only]());
    } finally {
      await backend.stop();
      if (!process.env.BENCH_KEEP) await cleanup();
    }
    return;
  }
  const rows: string[] = [];
  let allPairsTable: string;
  try {
    const first = await backend.handlers.getTopology({});
    if (first.helper.mode !== 'container' && first.helper.mode !== 'local')
      throw new Error(`the helper is not running: ${first.helper.reason}`);
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
    await cleanup();
    allPairsTable = await allPairsBench(backend);
    await cleanup();
    allPairsTable += `\n\nTrace\n| measure | median | budget |\n|---|---:|---:|\n${await traceBench(backend)}`;
    await cleanup();
    await backend.stop();
    for (const size of BIG_SIZES) allPairsTable += `\n${await bigHostBench(size)}`;
  } finally {
    await backend.stop();
    await cleanup();
  }
  console.log(
    `\nFull Topology build (Docker + kernel facts), ${NETWORKS} networks; medians of ${RUNS} (Dockwire) and ${BASELINE_RUNS} (baseline) runs`,
  );
  console.log('| containers | veths paired | Dockwire median (ms) | by hand, median (ms)   | speed-up |');
  console.log('|-----------:|-------------:|---------------------:|-----------------------:|---------:|');
  for (const row of rows) console.log(row);
  console.log(allPairsTable);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
