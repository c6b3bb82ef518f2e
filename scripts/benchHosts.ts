/**
 * `BENCH_ONLY=hosts npm run bench`: several engines in one window. The lab (scripts/lab.sh) of three Docker
 * hosts, BENCH_HOSTS_SIZE containers on each (150 by default) in five compose projects, followed by one
 * `dockwire serve --context node1 --context node2 --context node3`; the page in Chromium as the big host's
 * bench measures it (./benchBrowser.ts): first view settled, longest task while loading, longest task per live
 * change (a `docker network connect` on node1) and connect -> row drawn; and the server's RSS.
 * Budgets (issue #29): settled 2 s, load task 200 ms, change task 50 ms.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import type { Topology } from '../common/topology';
import { mapLimit } from '../backend/util/mapLimit';
import { browserBench, serve, type BrowserNumbers } from './benchBrowser';
import { IMAGE, median } from './benchCommon';

const run = promisify(execFile);
const SIZE = Number(process.env.BENCH_HOSTS_SIZE ?? 150);
const RUNS = Number(process.env.BENCH_HOSTS_RUNS ?? 3);
const PROJECTS = 5;
const CONNECTS = 5;
/** Run from the repository's root, as bench.sh runs the bench (it is bundled into dist/bench/). */
const LAB = 'scripts/lab.sh';

const lab = async (...args: string[]) => (await run('bash', [LAB, ...args], { maxBuffer: 1024 * 1024 })).stdout.trim();

/**
 * Resolves once the served window has all `containers` of every engine with each engine live: a window just
 * started reads its engines one by one, and a page loaded before the last one is in measures that engine
 * arriving (a patch of all its containers in the middle of the live changes), not a live change.
 */
async function untilWhole(url: string, containers: number): Promise<void> {
  const { host, searchParams } = new URL(url);
  const ws = new WebSocket(`ws://${host}/ws?token=${searchParams.get('token')}`, { origin: `http://${host}` });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  try {
    for (let id = 1, deadline = Date.now() + 120_000; Date.now() < deadline; id++) {
      const topology = await new Promise<Topology>((resolve) => {
        const answer = (raw: WebSocket.RawData) => {
          const message = JSON.parse(String(raw)) as { id?: number; reply?: { result: Topology } };
          if (message.id !== id) return;
          ws.off('message', answer);
          resolve(message.reply!.result);
        };
        ws.on('message', answer);
        ws.send(JSON.stringify({ id, method: 'getTopology', params: {} }));
      });
      if (topology.containers.length >= containers && topology.hosts?.every((h) => h.state === 'live')) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the window did not have all ${containers} containers live within 120 s`);
  } finally {
    ws.close();
  }
}

/** One node's host: five compose projects of SIZE / 5 containers each, labelled as compose labels them. */
async function fill(host: string, index: number): Promise<void> {
  const docker = (...args: string[]) => run('docker', ['--host', host, ...args]);
  for (let p = 0; p < PROJECTS; p++) {
    await docker(
      'network',
      'create',
      '--label',
      `com.docker.compose.project=proj${p}`,
      '--subnet',
      `10.${120 + index}.${p * 16}.0/20`,
      `proj${p}_default`,
    );
  }
  await mapLimit(
    Array.from({ length: SIZE }, (_, i) => i),
    6,
    (i) => {
      const project = `proj${i % PROJECTS}`;
      return docker(
        'run',
        '-d',
        '--name',
        `${project}-svc${i}-1`,
        '--network',
        `${project}_default`,
        '--label',
        `com.docker.compose.project=${project}`,
        '--label',
        `com.docker.compose.service=svc${i}`,
        IMAGE,
      );
    },
  );
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

export async function hostsBench(): Promise<string> {
  await lab('down');
  const nodes = (await lab('up', '3')).split('\n').map((line) => {
    const [name, host] = line.split(' ') as [string, string];
    return { name, host };
  });
  try {
    await Promise.all(nodes.map((node, index) => fill(node.host, index)));
    const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, ...rest } = process.env;
    const server = await serve(
      nodes.flatMap((node) => ['--context', node.name]),
      { ...rest, DOCKER_CONFIG: `${process.env.DOCKWIRE_LAB_DIR ?? '/tmp/dockwire-lab'}/docker-config` },
    );
    await untilWhole(server.url, SIZE * nodes.length);
    const numbers: BrowserNumbers[] = [];
    try {
      for (let r = 0; r < RUNS; r++) {
        // Containers of proj0 on node1 joining proj1's network: each run its own, so every connect is a change.
        const targets = Array.from({ length: CONNECTS }, (_, i) => ({
          container: `proj0-svc${(r * CONNECTS + i) * PROJECTS}-1`,
          network: 'proj1_default',
        }));
        numbers.push(await browserBench(server.url, targets, { group: 'proj0', filter: 'proj0' }, { DOCKER_HOST: nodes[0]!.host }));
      }
      const rss = rssMb(server.pid);
      const all = (pick: (n: BrowserNumbers) => number[]) => numbers.flatMap(pick);
      return [
        `\n3 engines × ${SIZE} containers (${PROJECTS} compose projects each), one window; ${RUNS} page loads, ${RUNS * CONNECTS} live changes`,
        '| measure | median | budget |',
        '|---|---:|---:|',
        `| first view settled | ${median(numbers.map((n) => n.settledMs)).toFixed(0)} ms | 2000 ms |`,
        `| longest main-thread task while loading | ${median(numbers.map((n) => n.longestLoadTaskMs)).toFixed(0)} ms | 200 ms |`,
        `| longest task per live change (median / worst) | ${median(all((n) => n.longestChangeTaskMs)).toFixed(0)} / ${Math.max(...all((n) => n.longestChangeTaskMs)).toFixed(0)} ms | 50 ms |`,
        // Each change's, in order, per page load: a one-off (the first change after loading) reads differently from a pattern.
        `| each change's longest task, per page load | ${numbers.map((n) => n.longestChangeTaskMs.map((ms) => ms.toFixed(0)).join(' ')).join(' · ')} ms | |`,
        `| each change's Topology message, per page load | ${numbers.map((n) => n.messageBytes.map((b) => (b / 1024).toFixed(0)).join(' ')).join(' · ')} KB | |`,
        `| connect on node1 -> row drawn | ${median(all((n) => n.connectToDrawnMs)).toFixed(0)} ms | |`,
        `| serve RSS (three engines) | ${rss.toFixed(0)} MB | |`,
      ].join('\n');
    } finally {
      server.stop();
    }
  } finally {
    await lab('down');
  }
}
