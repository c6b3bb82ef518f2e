/**
 * One-click connectivity tests against real containers: every step runs
 * inside the source's namespace through the helper (even in an image with
 * nothing but a sleep binary), and each diagnosis is reproduced for real.
 * All traffic goes to containers this test made.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createBackend } from '../../backend/backend';
import type { TestReport } from '../../common/testReport';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, inspectJson, runContainer, TEST_LABEL } from '../support/docker';

let backend: Backend;
const ipOf = (name: string, network: string) =>
  inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', name).NetworkSettings.Networks[
    network
  ]!.IPAddress;
const steps = (report: TestReport) => report.steps.map((s) => [s.name, s.status]);
const codes = (report: TestReport) => report.diagnosis.map((d) => d.code);

beforeAll(async () => {
  cleanup();
  createNetwork('dw-p-one', '10.221.0.0/24');
  createNetwork('dw-p-two', '10.222.0.0/24');
  createNetwork('dw-p-noicc', '10.223.0.0/24', '-o', 'com.docker.network.bridge.enable_icc=false');
  createNetwork('dw-p-inner', '10.224.0.0/24', '--internal');
  runContainer('dw-p-a', ['--network', 'dw-p-one']);
  runContainer('dw-p-web', ['--network', 'dw-p-one', '--network-alias', 'www'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('dw-p-far', ['--network', 'dw-p-two']);
  runContainer('dw-p-b1', []);
  runContainer('dw-p-b2', []);
  runContainer('dw-p-i1', ['--network', 'dw-p-noicc']);
  runContainer('dw-p-i2', ['--network', 'dw-p-noicc']);
  runContainer('dw-p-inside', ['--network', 'dw-p-inner']);
  runContainer('dw-p-none', ['--network', 'none']);
  runContainer('dw-p-local', ['--network', 'dw-p-one'], ['httpd', '-f', '-p', '127.0.0.1:8080', '-h', '/www']);
  // A server that never stops sending: whatever connects gets busybox's bytes, again and again.
  runContainer(
    'dw-p-flood',
    ['--network', 'dw-p-one'],
    ['nc', '-ll', '-p', '9000', '-e', 'sh', '-c', 'while :; do cat /bin/busybox; done'],
  );
  // Resolvers that cannot answer: Docker's own asked from a namespace wired by hand, and a --dns "server" that is a
  // container of this test serving no DNS (its port 53 refuses).
  runContainer('dw-p-handdns', ['--network', 'none', '--dns', '127.0.0.11']);
  runContainer('dw-p-customdns', [
    '--dns',
    inspectJson<{ NetworkSettings: { IPAddress: string } }>('container', 'dw-p-b1').NetworkSettings.IPAddress,
  ]);
  runContainer('dw-p-stopped', ['--network', 'dw-p-one']);
  docker('stop', '-t', '0', 'dw-p-stopped');
  docker('run', '-d', '--label', TEST_LABEL, '--name', 'dw-p-bare', '--network', 'dw-p-one', 'dockwire-test/sleeponly:1');
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container' && Boolean(containerNamed(t, 'dw-p-bare')), 15_000);
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe('connectivity tests through the helper', () => {
  it('passes every step to a web server by name, with port and HTTP', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-web', port: 80, httpPath: '/' });
    expect(report.via).toBe('helper');
    expect(steps(report)).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['ping', 'pass'],
      ['tcp', 'pass'],
      ['http', 'pass'],
    ]);
    expect(report.target.address).toBe(ipOf('dw-p-web', 'dw-p-one'));
    expect(report.ok).toBe(true);
    expect(report.diagnosis).toEqual([]);
  });

  it('resolves an alias, and tests a typed IP', async () => {
    expect((await backend.handlers.test({ from: 'dw-p-a', target: 'www' })).ok).toBe(true);
    const byIp = await backend.handlers.test({ from: 'dw-p-a', target: ipOf('dw-p-web', 'dw-p-one') });
    expect(steps(byIp)).toEqual([
      ['route', 'pass'],
      ['ping', 'pass'],
    ]);
  });

  it('works from an image with nothing but a sleep binary', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-bare', target: 'dw-p-web', port: 80 });
    expect(steps(report)).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['ping', 'pass'],
      ['tcp', 'pass'],
    ]);
  });

  it('no shared network: says where each is and offers the fix, which then works', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-far' });
    expect(report.ok).toBe(false);
    expect(report.diagnosis[0]).toMatchObject({
      code: 'no-shared-network',
      text: 'dw-p-a is on dw-p-one; dw-p-far is on dw-p-two: they share no network, so no packet can pass between them.',
      fix: { kind: 'connect', label: 'Connect dw-p-a to dw-p-two' },
    });
    const fix = report.diagnosis[0]!.fix!;
    await backend.handlers.connect({ container: fix.container, network: fix.network });
    await waitForTopology(backend, (t) => containerNamed(t, 'dw-p-a')!.endpoints.length === 2);
    expect((await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-far' })).ok).toBe(true);
  });

  it('the default bridge: no DNS names, but the IP answers', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-b1', target: 'dw-p-b2' });
    expect(steps(report)).toEqual([
      ['dns', 'fail'],
      ['route', 'pass'],
      ['ping', 'pass'],
    ]);
    expect(codes(report)).toEqual(['no-dns-default-bridge']);
    expect(report.diagnosis[0]!.text).toContain(`use the address (${ipOf('dw-p-b2', 'bridge')})`);
  });

  it('a stopped target', async () => {
    expect(codes(await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-stopped' }))).toContain('target-stopped');
  });

  it('a --network none source has only lo', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-none', target: ipOf('dw-p-web', 'dw-p-one') });
    expect(steps(report)).toEqual([['route', 'fail']]);
    expect(codes(report)).toEqual(['source-none']);
  });

  it('inter-container communication disabled on the bridge', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-i1', target: 'dw-p-i2' });
    expect(steps(report)).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['ping', 'fail'],
    ]);
    expect(codes(report)).toEqual(['icc-disabled']);
  });

  it('an internal network has no way out', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-inside', target: ipOf('dw-p-far', 'dw-p-two') });
    expect(report.ok).toBe(false);
    expect(codes(report)).toContain('internal-network');
  });

  it('nothing listens on the port', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-web', port: 81 });
    expect(steps(report).at(-1)).toEqual(['tcp', 'fail']);
    expect(report.diagnosis).toEqual([
      {
        code: 'port-closed',
        text: `Nothing listens on port 81 at ${ipOf('dw-p-web', 'dw-p-one')}: the connection was refused (dw-p-web listens on [::]:80).`,
      },
    ]);
  });

  it('a server bound to 127.0.0.1 inside its container: the refusal is explained, and what listens matches ss', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-local', port: 8080 });
    expect(steps(report).at(-1)).toEqual(['tcp', 'fail']);
    expect(codes(report)).toEqual(['listens-on-loopback']);
    expect(report.diagnosis[0]!.text).toContain('dw-p-local listens on port 8080 only on 127.0.0.1, inside its own namespace');
    // What Dockwire says listens, against ss in the same namespace (Docker's DNS sockets on 127.0.0.11 aside).
    // Listening sockets are read with the namespace; a server binds after its container starts, so read afresh.
    await backend.refreshAll();
    const topology = await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-p-local')?.listening?.length));
    const local = containerNamed(topology, 'dw-p-local')!;
    const ss = execFileSync('nsenter', ['-t', String(local.pid), '-n', 'ss', '-Hltnu'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([protocol, , , , at]) => {
        const colon = at!.lastIndexOf(':');
        return {
          protocol: protocol!,
          address: at!
            .slice(0, colon)
            .replace(/%.*$/, '')
            .replace(/^\[|\]$/g, '')
            .replace(/^\*$/, '0.0.0.0'),
          port: Number(at!.slice(colon + 1)),
        };
      })
      .filter((s) => s.address !== '127.0.0.11');
    const key = (s: { protocol: string; address: string; port: number }) => `${s.protocol} ${s.address}:${s.port}`;
    expect(local.listening!.map(key).sort()).toEqual(ss.map(key).sort());
    expect(local.listening).toContainEqual({ protocol: 'tcp', address: '127.0.0.1', port: 8080 });
  });

  it('HTTP answers with an error status', async () => {
    const report = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-web', httpPath: '/missing' });
    expect(steps(report).at(-1)).toEqual(['http', 'fail']);
    expect(codes(report)).toEqual(['http-error']);
    expect(report.diagnosis[0]!.text).toMatch(/404/);
  });

  it('streams each step as it is done; a cancel stops the test with the steps so far and no diagnosis', async () => {
    const seen = new Map<number, string[]>();
    const off = backend.on('testStep', ({ testId, step }) => {
      seen.set(testId, [...(seen.get(testId) ?? []), step.name]);
      if (testId === 7002 && step.name === 'route') void backend.handlers.cancelTest({ testId });
    });
    try {
      const full = await backend.handlers.test({ from: 'dw-p-a', target: 'dw-p-web', port: 80, testId: 7001 });
      expect(seen.get(7001)).toEqual(full.steps.map((s) => s.name));
      expect(seen.get(7001)).toEqual(['dns', 'route', 'ping', 'tcp']);
      // An address on this test's own network where nothing answers: ping and TCP would wait out their time limits.
      const report = await backend.handlers.test({ from: 'dw-p-a', target: '10.221.0.250', port: 80, testId: 7002 });
      expect(report.cancelled).toBe(true);
      expect(steps(report)).toEqual([['route', 'pass']]);
      expect(report.diagnosis).toEqual([]);
      expect(report.ok).toBe(false);
      // The ping that was under way when it was cancelled is dropped, and nothing runs after it. The same test run
      // whole starts its ping later with the same time limit: once it is done, the dropped ping has ended too.
      const whole = await backend.handlers.test({ from: 'dw-p-a', target: '10.221.0.250', port: 80, testId: 7003 });
      expect(steps(whole).map(([name]) => name)).toEqual(['route', 'ping', 'tcp']);
      expect(whole.ok).toBe(false);
      expect(seen.get(7002)).toEqual(['route']);
      await backend.handlers.cancelTest({ testId: 123456 });
    } finally {
      off();
    }
  });

  it("says when no DNS server answers: Docker's asked from a namespace wired by hand, or a --dns server", async () => {
    await backend.handlers.wire({ wireId: 71, container: 'dw-p-handdns', network: 'dw-p-one' });
    await waitForTopology(backend, (t) => t.unmanagedLinks.some((l) => l.peer?.containerId === containerNamed(t, 'dw-p-handdns')?.id));
    const hand = await backend.handlers.test({ from: 'dw-p-handdns', target: 'dw-p-web' });
    expect(steps(hand)[0]).toEqual(['dns', 'fail']);
    expect(codes(hand)).toContain('resolver-unreachable');
    expect(hand.diagnosis.find((d) => d.code === 'resolver-unreachable')!.text).toContain("asks Docker's DNS server (127.0.0.11)");

    const custom = await backend.handlers.test({ from: 'dw-p-customdns', target: 'anything.test' });
    expect(steps(custom)).toEqual([['dns', 'fail']]);
    expect(codes(custom)).toEqual(['dns-server-unreachable']);
    expect(custom.diagnosis[0]!.text).toContain(
      `dw-p-customdns asks ${inspectJson<{ NetworkSettings: { IPAddress: string } }>('container', 'dw-p-b1').NetworkSettings.IPAddress} (--dns) directly`,
    );
  });
});

describe('without the helper', () => {
  it('falls back to the image’s own tools with docker exec, and says what it could not test', async () => {
    const fallback = createBackend({ env: { ...process.env, DOCKWIRE_HELPER: 'off' } });
    try {
      await waitForTopology(fallback, (t) => Boolean(containerNamed(t, 'dw-p-bare')));
      const report = await fallback.handlers.test({ from: 'dw-p-a', target: 'dw-p-web', port: 80 });
      expect(report.via).toBe('docker-exec');
      expect(steps(report)).toEqual([
        ['dns', 'pass'],
        ['route', 'skipped'],
        ['ping', 'pass'],
        ['tcp', 'pass'],
      ]);
      expect(report.untested).toEqual(['route: needs the native helper']);
      const bare = await fallback.handlers.test({ from: 'dw-p-bare', target: 'dw-p-web' });
      expect(bare.untested).toContain('dns: the image has no nslookup');

      // nc's output from a server that streams forever is cut, the exec ended, and the backend answers on.
      const flood = await fallback.handlers.test({ from: 'dw-p-a', target: 'dw-p-flood', port: 9000 });
      const tcp = flood.steps.find((s) => s.name === 'tcp')!;
      const output = (tcp.evidence as { output: string }).output;
      expect(output).toContain('[output cut at 65536 bytes; it is killed within 15 s]');
      // At most the bound's bytes, each read as at most one character (a binary stream decodes as replacement marks).
      expect(output.length).toBeLessThan(65536 + 100);
      await expect.poll(() => docker('top', 'dw-p-a'), { timeout: 20_000, interval: 500 }).not.toContain('nc -w 2');
      expect((await fallback.handlers.getStatus({})).state).toBe('live');
    } finally {
      await fallback.stop();
    }
  });
});

describe('all pairs on a network', () => {
  it('runs DNS and ping between every ordered pair, reporting each cell', async () => {
    const cells: Array<{ from: string; to: string; dns: string; ping: string }> = [];
    const finished = new Promise<void>((resolve) => {
      const unsubscribe = backend.on('allPairs', (progress) => {
        if (progress.cell) cells.push(progress.cell);
        if (progress.finished) {
          unsubscribe();
          resolve();
        }
      });
    });
    const started = await backend.handlers.startAllPairs({ network: 'dw-p-noicc' });
    expect(started.total).toBe(2);
    await finished;
    expect(cells.map((c) => [c.from, c.to, c.dns, c.ping]).sort()).toEqual([
      ['dw-p-i1', 'dw-p-i2', 'pass', 'fail'],
      ['dw-p-i2', 'dw-p-i1', 'pass', 'fail'],
    ]);
  });
});
