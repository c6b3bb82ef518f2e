/**
 * Traces against the real kernel, with containers, networks, a bridge and firewall rules this test makes (and
 * removes): every rule a trace names is compared with what `iptables -S` prints, and the firewall view with
 * `iptables -S` and `nft -j list ruleset`.
 *   - two containers on one network: passed, every hop saw the probe and its answer;
 *   - across two networks: lost at the second bridge, named as Docker's isolation rule;
 *   - a DROP rule the test puts in DOCKER-USER: named, with its own line;
 *   - a published port from the host: passed, through the DNAT rule, shown with the rewrite;
 *   - two --net=none containers wired by hand to a bridge made by hand: dropped by FORWARD's policy, and the rule the
 *     explanation proposes, once added, lets the next trace pass;
 *   - a container with no route, a port nothing listens on: said as they are.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { TraceReport } from '../../common/trace';
import { dockwire as cli } from '../support/cli';
import { cleanup, createNetwork, inspectJson, runContainer } from '../support/docker';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';

const sh = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { encoding: 'utf8' });
const iptablesS = (...args: string[]) =>
  sh('iptables', ...args)
    .trim()
    .split('\n');
const pidOf = (name: string) => inspectJson<{ State: { Pid: number } }>('container', name).State.Pid;
const ipOf = (name: string, network: string) =>
  inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', name).NetworkSettings.Networks[
    network
  ]!.IPAddress;

// Unique per run, at most 15 characters.
const BRIDGE = `dwtrb${process.pid % 100000}`;
const VETHS = [`dwtrv${process.pid % 100000}a`, `dwtrv${process.pid % 100000}b`];
const PUBLISHED = 18000 + (process.pid % 1000);
const USER_RULE = ['DOCKER-USER', '-s', '10.226.1.0/24', '-d', '10.226.1.3/32', '-p', 'tcp', '--dport', '8080', '-j', 'DROP'];
const handAccept = ['DOCKER-USER', '-i', BRIDGE, '-o', BRIDGE, '-j', 'ACCEPT'];

let backend: Backend;

function removeRule(rule: string[]) {
  try {
    execFileSync('iptables', ['-D', ...rule], { stdio: 'ignore' });
  } catch {
    // not there: nothing to undo
  }
}

/** Wires a --net=none container to the test's bridge as the seed does: veth pair, eth0 inside, an address. */
function wireByHand(container: string, hostEnd: string, address: string) {
  const pid = String(pidOf(container));
  sh('ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', `${hostEnd}p`);
  sh('ip', 'link', 'set', hostEnd, 'master', BRIDGE, 'up');
  sh('ip', 'link', 'set', `${hostEnd}p`, 'netns', pid);
  sh('nsenter', '-t', pid, '-n', 'ip', 'link', 'set', `${hostEnd}p`, 'name', 'eth0');
  sh('nsenter', '-t', pid, '-n', 'ip', 'addr', 'add', address, 'dev', 'eth0');
  sh('nsenter', '-t', pid, '-n', 'ip', 'link', 'set', 'eth0', 'up');
}

beforeAll(async () => {
  cleanup();
  expect(
    readFileSync('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').trim(),
    'bridged frames must cross iptables, as Docker sets it',
  ).toBe('1');
  createNetwork('dw-tr-a', '10.226.1.0/24');
  createNetwork('dw-tr-b', '10.226.2.0/24');
  runContainer('dw-tr-1', ['--network', 'dw-tr-a']);
  runContainer('dw-tr-2', ['--network', 'dw-tr-a'], ['httpd', '-f', '-p', '8080', '-h', '/www']);
  runContainer('dw-tr-3', ['--network', 'dw-tr-b', '-p', `${PUBLISHED}:80`], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('dw-tr-h1', ['--network', 'none']);
  runContainer('dw-tr-h2', ['--network', 'none']);
  sh('ip', 'link', 'add', BRIDGE, 'type', 'bridge');
  sh('ip', 'link', 'set', BRIDGE, 'up');
  wireByHand('dw-tr-h1', VETHS[0]!, '10.226.9.11/24');
  wireByHand('dw-tr-h2', VETHS[1]!, '10.226.9.12/24');
  backend = startBackend();
  await waitForTopology(
    backend,
    (t) =>
      t.helper.mode === 'container' &&
      Boolean(containerNamed(t, 'dw-tr-3')?.endpoints[0]?.hostVeth) &&
      t.unmanagedLinks.filter((l) => l.master === BRIDGE && l.peer?.containerId).length === 2,
    20_000,
  );
}, 60_000);

afterAll(async () => {
  removeRule(USER_RULE);
  removeRule(handAccept);
  await backend?.stop();
  for (const link of [...VETHS, BRIDGE])
    try {
      sh('ip', 'link', 'del', link);
    } catch {
      // gone with its container's namespace
    }
  cleanup();
}, 60_000);

const trace = (from: string, target: string, extra: { port?: number; proto?: 'icmp' | 'tcp' | 'udp' } = {}) =>
  backend.handlers.trace({ from, target, ...extra });
const seenAt = (report: TraceReport) => report.hops.map((h) => [h.ifname, h.request]);

describe('a trace follows the packets hop by hop', () => {
  it('on one network: passed, and every hop saw the request and its answer', async () => {
    const report = await trace('dw-tr-1', 'dw-tr-2');
    expect(report.outcome).toBe('passed');
    expect(report.target.address).toBe(ipOf('dw-tr-2', 'dw-tr-a'));
    expect(report.hops.map((h) => h.role)).toEqual(['source', 'source-veth', 'target-veth', 'target']);
    expect(report.hops.every((h) => h.request && h.reply)).toBe(true);
  });

  it("across networks: lost after the first bridge, and named as Docker's isolation rule, exactly as iptables -S prints it", async () => {
    const report = await trace('dw-tr-1', 'dw-tr-3');
    expect(report.outcome).toBe('lost');
    expect(report.lastSeen).toMatch(/dw-tr-a's bridge/);
    expect(report.firstMissing).toMatch(/dw-tr-b's bridge/);
    expect(report.reason?.kind).toBe('rule');
    if (report.reason?.kind !== 'rule') return;
    expect(report.reason.rule.chain).toBe('DOCKER-ISOLATION-STAGE-2');
    expect(report.reason.rule.delta).toBeGreaterThanOrEqual(1);
    expect(iptablesS('-S', 'DOCKER-ISOLATION-STAGE-2')).toContain(report.reason.rule.line);
    expect(report.reason.text).toContain('Docker isolates networks from each other');
    expect(report.reason.text).toContain('dw-tr-b');
  });

  it('a DROP rule of yours in DOCKER-USER: named by its own line, and gone when the rule is', async () => {
    sh('iptables', '-I', ...USER_RULE);
    try {
      const report = await trace('dw-tr-1', 'dw-tr-2', { port: 8080 });
      expect(report.outcome).toBe('lost');
      expect(report.reason?.kind).toBe('rule');
      if (report.reason?.kind !== 'rule') return;
      expect(iptablesS('-S', 'DOCKER-USER')).toContain(report.reason.rule.line);
      expect(report.reason.rule.line).toBe('-A DOCKER-USER -s 10.226.1.0/24 -d 10.226.1.3/32 -p tcp -m tcp --dport 8080 -j DROP');
      expect(seenAt(report)[0]).toEqual(['eth0', true]);
      expect(seenAt(report)[3]).toEqual(['eth0', false]);
      // Its counter, as the firewall view reads it, is what iptables-save -c says (only this test's packets match it).
      const line = report.reason.rule.line;
      const view = await backend.handlers.getFirewall({});
      const mine = view.chains.flatMap((c) => c.rules).find((r) => r.line === line)!;
      const saved = sh('iptables-save', '-c', '-t', 'filter')
        .split('\n')
        .find((l) => l.endsWith(` ${line}`));
      expect(saved).toBe(`[${mine.packets}:${mine.bytes}] ${line}`);
      expect(mine.packets).toBeGreaterThanOrEqual(report.reason.rule.delta);
    } finally {
      removeRule(USER_RULE);
    }
    expect((await trace('dw-tr-1', 'dw-tr-2', { port: 8080 })).outcome).toBe('passed');
  });

  it('from the host to a published port: passed through the DNAT rule, with the rewrite shown', async () => {
    const report = await trace('host', 'dw-tr-3', { port: PUBLISHED });
    expect(report.outcome).toBe('passed');
    const container = ipOf('dw-tr-3', 'dw-tr-b');
    expect(report.dnat?.to).toBe(`${container}:80`);
    expect(iptablesS('-t', 'nat', '-S', 'DOCKER')).toContain(report.dnat?.line);
    expect(report.hops.at(-1)?.seen?.dst).toBe(container);
  });

  it("a bridge made by hand: dropped by FORWARD's policy, and the rule it proposes makes the next trace pass", async () => {
    expect(iptablesS('-S', 'FORWARD')[0]).toBe('-P FORWARD DROP');
    const report = await trace('dw-tr-h1', 'dw-tr-h2');
    expect(report.outcome).toBe('lost');
    expect(report.reason).toMatchObject({ kind: 'policy', rule: { chain: 'FORWARD', line: '-P FORWARD DROP' } });
    const proposed = `iptables -I ${handAccept.join(' ')}`;
    expect(report.reason?.text).toContain(proposed);
    sh('iptables', '-I', ...handAccept);
    try {
      expect((await trace('dw-tr-h1', 'dw-tr-h2')).outcome).toBe('passed');
    } finally {
      removeRule(handAccept);
    }
  });

  it('no route, and a port nothing listens on: each said as it is', async () => {
    sh('nsenter', '-t', String(pidOf('dw-tr-h1')), '-n', 'ip', 'link', 'set', 'eth0', 'down');
    try {
      const noRoute = await trace('dw-tr-h1', 'dw-tr-1');
      expect(noRoute).toMatchObject({ outcome: 'no-route', reason: { kind: 'no-route' } });
    } finally {
      sh('nsenter', '-t', String(pidOf('dw-tr-h1')), '-n', 'ip', 'link', 'set', 'eth0', 'up');
    }
    const refused = await trace('dw-tr-1', 'dw-tr-2', { port: 81 });
    expect(refused.outcome).toBe('refused');
    expect(refused.reason?.text).toContain('nothing listens on port 81');
  });

  it('refuses what cannot be traced, saying why', async () => {
    await expect(trace('nobody', 'dw-tr-1')).rejects.toMatchObject({ code: 'invalid', message: 'No container "nobody" on this engine.' });
    await expect(trace('dw-tr-1', 'dw-tr-2', { proto: 'udp' })).rejects.toMatchObject({ message: 'A udp trace needs a port.' });
  });
});

describe('the firewall view', () => {
  it("holds every rule of Docker's filter and nat tables as iptables -S prints it, and every chain nft lists", async () => {
    const view = await backend.handlers.getFirewall({});
    const lines = (table: string) =>
      view.chains.filter((c) => c.table === table && c.family === 'ip').flatMap((c) => c.rules.map((r) => r.line));
    for (const table of ['filter', 'nat']) {
      const truth = iptablesS('-t', table, '-S').filter((l) => l.startsWith('-A '));
      expect(lines(table).sort()).toEqual(truth.sort());
    }
    const nft = JSON.parse(sh('nft', '-j', 'list', 'chains')) as {
      nftables: Array<{ chain?: { family: string; table: string; name: string } }>;
    };
    const chains = nft.nftables.flatMap((e) => (e.chain ? [`${e.chain.family} ${e.chain.table} ${e.chain.name}`] : []));
    expect(view.chains.map((c) => `${c.family} ${c.table} ${c.name}`).sort()).toEqual(chains.sort());
  });
});

describe('dockwire trace and dockwire firewall', () => {
  it('exit 0 when the packets got there and back, 1 when lost (with the rule), 2 on a malformed command line', async () => {
    expect(await cli(['trace', 'dw-tr-1', 'dw-tr-2:8080', '--json'])).toMatchObject({ code: 0, json: { ok: true } });
    const lost = await cli(['trace', 'dw-tr-1', 'dw-tr-3']);
    expect(lost.code).toBe(1);
    expect(lost.stdout).toMatch(/^rule: -A DOCKER-ISOLATION-STAGE-2 -o br-\w+ -j DROP {2}\(table filter\)$/m);
    expect(await cli(['trace', 'dw-tr-1', 'dw-tr-2', '--proto', 'sctp', '--json'])).toMatchObject({
      code: 2,
      json: { error: { code: 'usage' } },
    });
    expect(await cli(['trace', 'dw-tr-1', 'dw-tr-2:99999', '--json'])).toMatchObject({ code: 2 });
    const firewall = await cli(['firewall']);
    expect(firewall.code).toBe(0);
    expect(firewall.stdout).toContain('-P FORWARD DROP');
  });
});
