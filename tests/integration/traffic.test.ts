/**
 * Traffic on the wires, against the real engine and kernel: counters that grow
 * by what a ping sent (compared with `ip -s -j link` in the namespace), and
 * captures from the CLI: to a pcap file read back here, to stdout piped into
 * Debian's tcpdump, stopped by Ctrl-C, and refused with what to do instead.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { dockwire } from '../support/cli';
import { cleanup, createNetwork, docker, execIn, inspectJson, runContainer } from '../support/docker';
import { icmpEcho, readPcap } from '../support/pcap';
import { startServeProcess, type ServeProcess } from '../support/serve';
import WebSocket from 'ws';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';

const CLI = new URL('../../bin/dockwire.js', import.meta.url).pathname;
const A = '10.93.0.2';
const B = '10.93.0.3';
let backend: Backend;
const dir = mkdtempSync(join(tmpdir(), 'dockwire-capture-'));

beforeAll(async () => {
  cleanup();
  createNetwork('dw-t-net', '10.93.0.0/24');
  runContainer('dw-t-a', ['--network', 'dw-t-net', '--ip', A]);
  runContainer('dw-t-b', ['--network', 'dw-t-net', '--ip', B]);
  runContainer('dw-t-stopped', ['--network', 'dw-t-net']);
  docker('stop', '-t', '0', 'dw-t-stopped');
  runContainer('dw-t-host', ['--network', 'host']);
  runContainer('dw-t-none', ['--network', 'none']);
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container' && Boolean(containerNamed(t, 'dw-t-none')), 30_000);
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

const ping = (count: number, size = 56) => execIn('dw-t-a', 'ping', '-c', String(count), '-i', '0.1', '-s', String(size), B);

/** The kernel's own counters of a container's eth0, from inside its namespace. */
function groundTruth(name: string): { txBytes: number; rxBytes: number; txPackets: number } {
  const pid = String(inspectJson<{ State: { Pid: number } }>('container', name).State.Pid);
  const [link] = JSON.parse(
    execFileSync('nsenter', ['-t', pid, '-n', 'ip', '-s', '-j', 'link', 'show', 'eth0'], { encoding: 'utf8' }),
  ) as Array<{
    stats64: { rx: { bytes: number }; tx: { bytes: number; packets: number } };
  }>;
  return { txBytes: link!.stats64.tx.bytes, rxBytes: link!.stats64.rx.bytes, txPackets: link!.stats64.tx.packets };
}

describe('traffic counters', () => {
  it('grow by at least what a ping sent, from the container’s side, as the kernel counts them', async () => {
    const id = containerNamed(await backend.handlers.getTopology({}), 'dw-t-a')!.id;
    const sample = async () =>
      (await backend.handlers.counters({ containers: ['dw-t-a', 'dw-t-b'] })).endpoints.find((e) => e.containerId === id)!;
    const before = await sample();
    expect(before.ifname).toBe('eth0');
    ping(20, 1000);
    const after = await sample();
    // 20 requests of 1000 bytes of payload went out of dw-t-a (tx), 20 replies came in (rx).
    expect(after.counters.txBytes - before.counters.txBytes).toBeGreaterThanOrEqual(20 * 1000);
    expect(after.counters.rxBytes - before.counters.rxBytes).toBeGreaterThanOrEqual(20 * 1000);
    expect(after.counters.txPackets - before.counters.txPackets).toBeGreaterThanOrEqual(20);
    const truth = groundTruth('dw-t-a');
    expect(truth.txBytes).toBeGreaterThanOrEqual(after.counters.txBytes);
    expect(truth.txBytes - after.counters.txBytes).toBeLessThan(2000); // only what flowed since (neighbour discovery at most)
  });

  it('are in the Topology (endpoints[].stats) and in dockwire topology --json', async () => {
    await backend.refreshAll();
    const topology = await backend.handlers.getTopology({});
    const stats = containerNamed(topology, 'dw-t-a')!.endpoints[0]!.stats!;
    expect(stats.txPackets).toBeGreaterThanOrEqual(20);
    const run = await dockwire(['topology', '--json']);
    const fromCli = (run.json as unknown as typeof topology).containers.find((c) => c.name === 'dw-t-a')!.endpoints[0]!.stats!;
    expect(fromCli.txBytes).toBeGreaterThanOrEqual(stats.txBytes);
  });

  it('of containers that are gone or not running are simply not in the sample', async () => {
    const result = await backend.handlers.counters({ containers: ['dw-t-stopped', 'no-such-container', 'dw-t-host'] });
    expect(result.endpoints).toEqual([]);
  });
});

describe('dockwire capture', () => {
  it('writes a pcap file with the echo requests of a ping, from the right address', async () => {
    const file = join(dir, 'ping.pcap');
    const capture = spawn(process.execPath, [CLI, 'capture', 'dw-t-b', '--filter', `icmp and host ${A}`, '--count', '6', '-w', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    capture.stderr.on('data', (chunk) => (said += chunk));
    // The one-shot backend starts the helper first: ping once the capture says it listens.
    await waitFor(() => said.includes('capturing on'), 20_000);
    ping(3);
    expect(await exited(capture)).toBe(0);
    expect(said).toContain('capturing on dw-t-b eth0');
    expect(said).toContain('6 packets captured');
    const pcap = readPcap(readFileSync(file));
    expect(pcap.linkType).toBe(1);
    const echoes = pcap.records.map((r) => icmpEcho(r.data));
    expect(echoes.filter((e) => e?.type === 'request')).toEqual(Array(3).fill({ type: 'request', source: A, destination: B }));
    expect(echoes.filter((e) => e?.type === 'reply')).toEqual(Array(3).fill({ type: 'reply', source: B, destination: A }));
  });

  it('streams pcap to stdout that tcpdump -nr - reads', async () => {
    const capture = spawn(process.execPath, [CLI, 'capture', 'dw-t-a', '--filter', `icmp and host ${A}`, '--count', '4', '-w', '-'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tcpdump = spawn('tcpdump', ['-nr', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    capture.stdout.pipe(tcpdump.stdin);
    let lines = '';
    tcpdump.stdout.on('data', (chunk) => (lines += chunk));
    let said = '';
    capture.stderr.on('data', (chunk) => (said += chunk));
    await waitFor(() => said.includes('capturing on'), 20_000);
    ping(2);
    const [captureCode, tcpdumpCode] = await Promise.all([exited(capture), exited(tcpdump)]);
    expect(captureCode).toBe(0);
    expect(tcpdumpCode).toBe(0);
    expect(lines).toContain(`IP ${A} > ${B}: ICMP echo request`);
    expect(lines).toContain(`IP ${B} > ${A}: ICMP echo reply`);
  });

  it('stops on Ctrl-C, leaving a valid file and no helper behind', async () => {
    const file = join(dir, 'interrupted.pcap');
    const capture = spawn(process.execPath, [CLI, 'capture', 'dw-t-a', '-w', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    capture.stderr.on('data', (chunk) => (said += chunk));
    await waitFor(() => said.includes('capturing on'), 20_000);
    ping(3);
    capture.kill('SIGINT');
    expect(await exited(capture)).toBe(0);
    expect(said).toMatch(/\d+ packets? captured/);
    const pcap = readPcap(readFileSync(file));
    expect(pcap.records.filter((r) => icmpEcho(r.data)?.type === 'request').length).toBe(3);
    // Its helper goes with it: a container of its own is removed once its stdin closes, and one run in the kept
    // container exits, leaving the keeper alone there.
    const keptAlone = () =>
      docker('ps', '-q', '--filter', 'label=dockwire.helper.kept')
        .split('\n')
        .filter(Boolean)
        .every((id) => docker('top', id).split('\n').filter(Boolean).length === 2);
    await waitFor(
      () => docker('ps', '-aq', '--filter', `label=dockwire.helper.owner=${hostLabel(capture.pid!)}`) === '' && keptAlone(),
      10_000,
    );
  });

  it.each([
    [['no-such-container'], 1, 'No container "no-such-container"'],
    [['dw-t-a', '--iface', 'eth7'], 1, 'dw-t-a has no interface eth7; it has lo, eth0'],
    [['dw-t-stopped'], 1, 'dw-t-stopped is not running'],
    [['dw-t-host'], 1, "uses the host's network (--network host)"],
    [['dw-t-none'], 1, 'has no network interface but lo (--network none): name one with --iface lo'],
    [['dw-t-a', '--filter', 'port 99999'], 1, 'port needs a number from 1 to 65535'],
    [['dw-t-a', '--filter', 'proto sctp'], 1, 'proto must be icmp, tcp, udp, arp or dns'],
    [['dw-t-a', '--count', 'abc'], 2, '--count takes a whole number'],
  ])('refuses %j with exit %i and what to do', async (args, code, message) => {
    const file = join(dir, `refused-${code}-${args.join('_').replace(/\W/g, '')}.pcap`);
    const run = await dockwire(['capture', ...args, '-w', file]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });
});

describe('captures through browser mode', () => {
  it('sends a tab its packets, refuses garbage, and stops a tab’s capture when the tab goes', async () => {
    const server = await startServeProcess();
    try {
      const first = await openTab(server);
      const garbage = [
        { captureId: 5, container: 'dw-t-a', filter: 'host ' + 'x'.repeat(600) },
        { captureId: 5, container: 'dw-t-a', filter: '((((((((((((((((((((((((((((((((((((((((icmp' },
        { captureId: 5, container: 'dw-t-a', iface: '../../etc' },
        { captureId: -1, container: 'dw-t-a' },
        { captureId: 5, container: { $gt: '' } },
      ];
      for (const params of garbage) expect((await first.call('startCapture', params)).ok).toBe(false);
      expect((await first.call('getTopology', {})).ok).toBe(true);

      const started = await first.call('startCapture', { captureId: 4242, container: 'dw-t-a', filter: 'icmp' });
      expect(started).toMatchObject({ ok: true, result: { captureId: 4242, ifname: 'eth0', containerName: 'dw-t-a' } });
      ping(2);
      await waitFor(() => first.events.some((e) => e.event === 'capturePackets' && e.data.captureId === 4242), 5000);

      // Another tab sees none of the first tab's packets, even with a capture of its own numbered the same.
      const second = await openTab(server);
      expect((await second.call('startCapture', { captureId: 4242, container: 'dw-t-a', filter: 'icmp' })).ok).toBe(true);
      const packetsOf = (tab: typeof first) =>
        tab.events
          .filter((e) => e.event === 'capturePackets')
          .reduce((sum, e) => sum + (e.data as { packets?: unknown[] }).packets!.length, 0);
      const firstHad = packetsOf(first);
      ping(2);
      // Two pings are four ICMP packets for each capture. Were the tabs' captures shared, the second tab would get both's.
      await waitFor(() => packetsOf(second) >= 4 && packetsOf(first) >= firstHad + 4, 5000);
      expect(packetsOf(second)).toBe(4);
      expect((await second.call('stopCapture', { captureId: 4242 })).ok).toBe(true);
      await waitFor(() => second.events.some((e) => e.event === 'captureEnd' && e.data.captureId === 4242), 5000);

      // The tab goes: its captures stop. It holds all MAX_CAPTURES the server allows; once it is gone, another tab may start as many.
      for (const id of [1, 2, 3]) expect((await first.call('startCapture', { captureId: id, container: 'dw-t-a' })).ok).toBe(true);
      expect(await second.call('startCapture', { captureId: 9, container: 'dw-t-a' })).toMatchObject({
        ok: false,
        error: { code: 'busy' },
      });
      first.socket.close();
      let freed = false;
      for (let tries = 0; tries < 50 && !freed; tries++) {
        freed = (await second.call('startCapture', { captureId: 9, container: 'dw-t-a' })).ok;
        if (!freed) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(freed).toBe(true);
      expect((await second.call('stopCapture', { captureId: 9 })).ok).toBe(true);
      second.socket.close();
    } finally {
      server.stop();
    }
  });
});

interface Tab {
  socket: WebSocket;
  events: Array<{ event: string; data: { captureId?: number } }>;
  call(method: string, params: unknown): Promise<{ ok: boolean; result?: unknown }>;
}

async function openTab(server: ServeProcess): Promise<Tab> {
  const socket = await new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
  const events: Tab['events'] = [];
  const waiting = new Map<number, (reply: { ok: boolean; result?: unknown }) => void>();
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString()) as { id?: number; reply?: { ok: boolean }; event?: string; data?: { captureId?: number } };
    if (message.event) events.push({ event: message.event, data: message.data ?? {} });
    else if (typeof message.id === 'number') waiting.get(message.id)?.(message.reply!);
  });
  let next = 1;
  return {
    socket,
    events,
    call: (method, params) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        socket.send(JSON.stringify({ id, method, params }));
      }),
  };
}

function hostLabel(pid: number): string {
  return `${hostname()}:${pid}`;
}

/**
 * The child's exit code once it has exited and all its output has been read: 'exit' may come before the last
 * of stdout (tcpdump's lines were once still unread when it fired), 'close' comes after.
 */
function exited(child: ReturnType<typeof spawn>): Promise<number | null> {
  const over = (child.exitCode !== null || child.signalCode !== null) && [child.stdout, child.stderr].every((s) => !s || s.destroyed);
  return new Promise((resolve) => (over ? resolve(child.exitCode) : child.once('close', (code) => resolve(code))));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
