/**
 * The privileged helper against hostile containers and its own faults, on the
 * real engine: its container's limits, a 200 MB resolv.conf, a pid that is not
 * the container's, Docker's own endpoints, a stopped (SIGSTOP) helper, and
 * namespaces of stopped containers released while it watches.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, truncateSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createDockerClient } from '../../backend/engine/dockerClient';
import { resolveEndpoint } from '../../backend/engine/endpoint';
import { HelperError } from '../../backend/helper/helperClient';
import { KernelView } from '../../backend/helper/kernelView';
import { helperBinary } from '../../backend/helper/binary';
import { ensureHelperImage, HELPER_LIMITS, NEVER_STARTED_MS, removeLeftovers } from '../../backend/helper/launch';
import { HELPER_LABEL, HELPER_OWNER_LABEL } from '../../common/buildTopology';
import { DockwireError } from '../../common/errors';
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../support/docker';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';

let backend: Backend;
const ownerLabel = `dockwire.helper.owner=${hostname()}:${process.pid}`;

/** This test process's helper container (there is one per backend; the first started here). */
function helperContainer(): { Id: string; State: { Pid: number }; HostConfig: Record<string, unknown> } {
  const ids = docker('ps', '-q', '--no-trunc', '--filter', `label=${ownerLabel}`).split('\n').filter(Boolean);
  if (ids.length !== 1) throw new Error(`expected one helper container of this process, found ${ids.length}`);
  return inspectJson('container', ids[0]!);
}

const procCount = (pid: number, what: 'fd' | 'task') => readdirSync(`/proc/${pid}/${what}`).length;
const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const linkExists = (name: string) => existsSync(`/sys/class/net/${name}`);

async function eventually(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  cleanup();
  createNetwork('dw-hh-net', '10.237.0.0/24');
  runContainer('dw-hh-a', ['--network', 'dw-hh-net']);
  runContainer('dw-hh-b', ['--network', 'dw-hh-net']);
  runContainer('dw-hh-none', ['--network', 'none']);
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container' && Boolean(containerNamed(t, 'dw-hh-none')), 20_000);
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
}, 30_000);

describe('the helper container', () => {
  it('runs with bounded memory and pids, a read-only root, no new privileges and only four capabilities', () => {
    const { HostConfig } = helperContainer();
    expect(HostConfig).toMatchObject({
      Memory: HELPER_LIMITS.memoryBytes,
      MemorySwap: HELPER_LIMITS.memoryBytes,
      PidsLimit: HELPER_LIMITS.pids,
      ReadonlyRootfs: true,
      SecurityOpt: expect.arrayContaining(['no-new-privileges']),
      CapDrop: ['ALL'],
      CapAdd: ['SYS_ADMIN', 'SYS_PTRACE', 'NET_RAW', 'NET_ADMIN'],
    });
  });
});

describe('hostile containers', () => {
  it('a 200 MB resolv.conf is read bounded: the DNS test answers at once, says so, and the helper stays small', async () => {
    runContainer('dw-hh-huge', ['--network', 'dw-hh-net']);
    const { ResolvConfPath } = inspectJson<{ ResolvConfPath: string }>('container', 'dw-hh-huge');
    // What root inside the container can do to its own (bind-mounted) file: grow it to 200 MB.
    truncateSync(ResolvConfPath, 200 * 1024 * 1024);
    await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-hh-huge')));
    const started = Date.now();
    const report = await backend.handlers.test({ from: 'dw-hh-huge', target: 'dw-hh-a' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const dns = report.steps.find((step) => step.name === 'dns')!;
    expect((dns.evidence as { resolvConf?: { truncated: boolean } }).resolvConf?.truncated).toBe(true);
    expect(rssKb(helperContainer().State.Pid)).toBeLessThan(100 * 1024);
  });

  // A container's init may chroot (default capabilities SYS_CHROOT and MKNOD) into a folder whose etc/resolv.conf
  // is what it likes: a device node it made, a FIFO, a symlink into /proc. The helper looks, refuses, and opens none.
  it.each([
    ['a device node it made', 'busybox mknod /j/etc/resolv.conf c 1 250'],
    ['a FIFO', 'busybox mkfifo /j/etc/resolv.conf'],
    ['a symlink to /proc/self', 'busybox ln -s /proc/self/environ /j/etc/resolv.conf'],
  ])('a resolv.conf that is %s is refused unopened, and the helper answers on', async (what, make) => {
    const name = `dw-hh-chroot-${what.split(' ').pop()!.replace(/\W/g, '')}`;
    runContainer(
      name,
      ['--network', 'dw-hh-net'],
      [
        'sh',
        '-c',
        `busybox mkdir -p /j/etc /j/bin && busybox cp /bin/busybox /j/bin/ && ${make} && exec busybox chroot /j /bin/busybox sleep 86400`,
      ],
    );
    // The helper reads resolv.conf when an event names the container; a read between its start and its chroot
    // finds Docker's file. Once its root is /j (as the host sees it), an update event has it read again.
    const pid = inspectJson<{ State: { Pid: number } }>('container', name).State.Pid;
    await eventually(() => readlinkSync(`/proc/${pid}/root`).endsWith('/j'), 10_000, `${name} chrooted into /j`);
    docker('update', '--cpu-shares', '512', name);
    const seen = await waitForTopology(backend, (t) => Boolean(containerNamed(t, name)?.dns.unread));
    const refusal = containerNamed(seen, name)!.dns.unread!;
    expect(refusal).toMatch(what === 'a symlink to /proc/self' ? /no \/etc\/resolv\.conf|not a regular file/ : /not a regular file/);
    const report = await backend.handlers.test({ from: name, target: 'dw-hh-a' });
    expect(report.steps.map((s) => s.name)).toContain('ping');
    expect((await backend.handlers.test({ from: 'dw-hh-a', target: 'dw-hh-b' })).ok).toBe(true);
  });

  it('refuses a pid that is not the named container’s init (another container’s, the host’s)', async () => {
    const endpoint = resolveEndpoint({ env: process.env, readFile: () => null });
    const kernel = new KernelView(createDockerClient(endpoint), endpoint, 'container');
    try {
      await kernel.ensureStarted(process.arch === 'arm64' ? 'aarch64' : 'x86_64');
      expect(kernel.running).toBe(true);
      const a = inspectJson<{ Id: string; State: { Pid: number } }>('container', 'dw-hh-a');
      const b = inspectJson<{ Id: string; State: { Pid: number } }>('container', 'dw-hh-b');
      expect(await kernel.call('netnsLinks', { pid: a.State.Pid, container: a.Id })).toMatchObject({ pid: a.State.Pid });
      for (const pid of [b.State.Pid, 1]) {
        const refused = await kernel.call('netnsLinks', { pid, container: a.Id }).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(HelperError);
        expect(refused).toMatchObject({ code: 'stale-pid' });
      }
    } finally {
      await kernel.stop();
    }
  });

  it('will not unwire Docker’s own endpoint: refused, and the endpoint stays', async () => {
    const topology = await backend.handlers.getTopology({});
    const endpoint = containerNamed(topology, 'dw-hh-a')!.endpoints[0]!;
    const refused = await backend.handlers.unwire({ container: 'dw-hh-a', ifname: endpoint.ifname! }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DockwireError);
    expect((refused as DockwireError).message).toContain("Docker's own endpoints are disconnected, not unwired");
    expect(linkExists(endpoint.hostVeth!.name)).toBe(true);
  });

  it('will not wire onto a network without a Linux bridge', async () => {
    const parent = `dwhp${process.pid % 10000}`;
    execFileSync('ip', ['link', 'add', parent, 'type', 'veth', 'peer', 'name', `${parent}b`]);
    try {
      docker(
        'network',
        'create',
        '--label',
        'dockwire.test=1',
        '-d',
        'macvlan',
        '-o',
        `parent=${parent}`,
        '--subnet',
        '10.238.0.0/24',
        'dw-hh-mac',
      );
      await waitForTopology(backend, (t) => t.networks.some((n) => n.name === 'dw-hh-mac'));
      await expect(backend.handlers.wire({ wireId: 1, container: 'dw-hh-none', network: 'dw-hh-mac' })).rejects.toThrow(/bridge/);
    } finally {
      docker('network', 'rm', 'dw-hh-mac');
      execFileSync('ip', ['link', 'del', parent]);
    }
  });
});

describe('a wiring its helper never finished', () => {
  // The app stopped (or a stuck helper was replaced) mid-wire: the host end still carries the wiring's journal alias.
  it('is undone by the next helper at its start, which says so; a wiring by hand without the alias is left alone', async () => {
    execFileSync('ip', ['link', 'add', 'dwunfin0', 'type', 'veth', 'peer', 'name', 'dwunfin0p']);
    execFileSync('ip', ['link', 'set', 'dwunfin0', 'alias', 'dockwire-wiring 4194303 12345']);
    execFileSync('ip', ['link', 'add', 'dwmine0', 'type', 'veth', 'peer', 'name', 'dwmine0p']);
    const endpoint = resolveEndpoint({ env: process.env, readFile: () => null });
    const kernel = new KernelView(createDockerClient(endpoint), endpoint, 'container');
    try {
      await kernel.ensureStarted(process.arch === 'arm64' ? 'aarch64' : 'x86_64');
      expect(kernel.status()).toMatchObject({ mode: 'container', undone: ['dwunfin0'] });
      expect(linkExists('dwunfin0') || linkExists('dwunfin0p')).toBe(false);
      expect(linkExists('dwmine0')).toBe(true);
    } finally {
      await kernel.stop();
      for (const name of ['dwunfin0', 'dwmine0']) if (linkExists(name)) execFileSync('ip', ['link', 'del', name]);
    }
  });
});

describe('another launch’s helpers', () => {
  // Two machines with one hostname on one remote engine once removed each other's helpers mid-wire (judged by hostname:pid).
  it('a leftover sweep removes only helpers that are not running, never one another launch runs, whatever its label says', async () => {
    const endpoint = resolveEndpoint({ env: process.env, readFile: () => null });
    const engine = createDockerClient(endpoint);
    const binary = helperBinary(process.arch);
    if ('missing' in binary) throw new Error(binary.missing);
    const image = await ensureHelperImage(engine, binary.path);
    // Another machine's running helper whose owner label names this host and a pid that is gone here.
    const labels = { [HELPER_LABEL]: '1', [HELPER_OWNER_LABEL]: `${hostname()}:4194303`, 'dockwire.test': '1' };
    const running = await engine.createContainer({ Image: image.id, Labels: labels, OpenStdin: true, HostConfig: { NetworkMode: 'none' } });
    await running.start();
    // One whose owner went: its stdin ended and it exited.
    const exited = await engine.createContainer({ Image: image.id, Labels: labels, HostConfig: { NetworkMode: 'none' } });
    await exited.start();
    await exited.wait();
    try {
      await removeLeftovers(engine, image);
      expect((await running.inspect()).State.Running).toBe(true);
      await expect(exited.inspect()).rejects.toMatchObject({ statusCode: 404 });
      // Created and never started for a minute: its start died midway. Seen a minute on, it goes.
      const created = await engine.createContainer({ Image: image.id, Labels: labels, HostConfig: { NetworkMode: 'none' } });
      await removeLeftovers(engine, image);
      expect((await created.inspect()).State.Status).toBe('created');
      await removeLeftovers(engine, image, Date.now() + NEVER_STARTED_MS + 5000);
      await expect(created.inspect()).rejects.toMatchObject({ statusCode: 404 });
    } finally {
      await running.remove({ force: true }).catch(() => {});
    }
  });
});

describe('the helper’s own faults', () => {
  it('releases the namespaces of stopped containers: a hand-wired veth is gone within 5 s, fds back to baseline, threads do not grow with containers', async () => {
    const helperPid = () => helperContainer().State.Pid;
    const baseline = { fds: procCount(helperPid(), 'fd'), threads: procCount(helperPid(), 'task') };
    const wired = await backend.handlers.wire({ wireId: 7, container: 'dw-hh-none', network: 'bridge', hostIfname: 'dwhhw0' });
    expect(wired.hostIfname).toBe('dwhhw0');
    await waitForTopology(backend, (t) => t.unmanagedLinks.some((l) => l.name === 'dwhhw0' && l.peer?.ifname === wired.containerIfname));
    for (const round of [8, 16]) {
      const names = Array.from({ length: round }, (_, i) => `dw-hh-r${round}-${i}`);
      for (const name of names) runContainer(name, ['--network', 'dw-hh-net']);
      await waitForTopology(backend, (t) => names.every((name) => containerNamed(t, name)?.endpoints[0]?.hostVeth), 20_000);
      docker('rm', '-f', ...names);
      await waitForTopology(backend, (t) => names.every((name) => !containerNamed(t, name)), 20_000);
      await eventually(
        () => procCount(helperPid(), 'fd') === baseline.fds,
        5000,
        `helper fds back to ${baseline.fds} after ${round} containers`,
      );
      expect(procCount(helperPid(), 'task')).toBeLessThanOrEqual(baseline.threads + 6);
    }
    docker('kill', 'dw-hh-none');
    const took = await eventually(() => !linkExists('dwhhw0'), 5000, 'the hand-wired veth gone after its container stopped');
    expect(took).toBeLessThan(5000);
  });

  it('replaces a helper that stopped answering (SIGSTOP) within 10 s, and says so', async () => {
    const before = helperContainer();
    process.kill(before.State.Pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    const topology = await waitForTopology(
      backend,
      (t) =>
        t.helper.mode === 'container' &&
        Boolean(t.helper.notice) &&
        docker('ps', '-q', '--no-trunc', '--filter', `label=${ownerLabel}`) !== before.Id,
      15_000,
    );
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(topology.helper.notice).toContain('stopped answering');
    expect(helperContainer().Id).not.toBe(before.Id);
    // And it works: the kernel view is back.
    await waitForTopology(backend, (t) => containerNamed(t, 'dw-hh-a')!.endpoints[0]!.hostVeth !== null, 5000);
  });
});
