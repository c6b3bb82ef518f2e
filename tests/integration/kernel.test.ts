/**
 * The kernel view against ground truth: host veths, Linux bridges and a
 * --net=none container wired by hand exactly as the seed does it, compared
 * with `ip -j link`, `bridge -j link` and `nsenter -t PID -n ip -j addr`.
 */
import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createBackend } from '../../backend/backend';
import type { Topology } from '../../common/topology';
import { containerNamed, networkNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, execIn, inspectJson, runContainer } from '../support/docker';

interface IpLink {
  ifindex: number;
  ifname: string;
  address: string;
  mtu: number;
  operstate: string;
  link_index?: number;
  link_netnsid?: number;
  master?: string;
}

const ip = (...args: string[]) => JSON.parse(execFileSync('ip', ['-j', ...args], { encoding: 'utf8' })) as IpLink[];
const inNs = (pid: number, ...args: string[]) =>
  JSON.parse(execFileSync('nsenter', ['-t', String(pid), '-n', 'ip', '-j', ...args], { encoding: 'utf8' }));
const sh = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { encoding: 'utf8' });
const pidOf = (name: string) => inspectJson<{ State: { Pid: number } }>('container', name).State.Pid;
// Unique per run, at most 15 characters: the seed's A and B.
const A = `dwA${process.pid % 100000}`;
const B = `dwB${process.pid % 100000}`;

let backend: Backend;
let topology: Topology;

beforeAll(async () => {
  cleanup();
  createNetwork('dw-k-net', '10.236.0.0/24');
  runContainer('dw-k-1', ['--network', 'dw-k-net']);
  runContainer('dw-k-2', ['--network', 'dw-k-net']);
  runContainer('dw-k-plain', []);
  runContainer('dw-k-none', ['--network', 'none']);
  backend = startBackend();
  topology = await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-k-none')) && t.helper.mode === 'container');
});

afterAll(async () => {
  await backend?.stop();
  try {
    execFileSync('ip', ['link', 'del', A], { stdio: 'ignore' });
  } catch {
    // already gone, as it should be
  }
  cleanup();
}, 30_000);

describe('kernel view (helper in a container)', () => {
  it('runs the helper as a container and says so', () => {
    expect(topology.helper).toEqual({ mode: 'container', reason: null });
  });

  it('pairs every endpoint with the host veth ip link reports, by ifindex and netnsid', () => {
    const hostVeths = ip('link', 'show', 'type', 'veth');
    for (const name of ['dw-k-1', 'dw-k-2', 'dw-k-plain']) {
      const endpoint = containerNamed(topology, name)!.endpoints[0]!;
      const inside = (inNs(pidOf(name), 'link', 'show', 'eth0') as IpLink[])[0]!;
      const veth = hostVeths.find((l) => l.ifindex === inside.link_index)!;
      expect(veth.link_index).toBe(inside.ifindex);
      expect(endpoint).toMatchObject({ ifname: 'eth0', ifindex: inside.ifindex, hostVeth: { name: veth.ifname, ifindex: veth.ifindex } });
    }
  });

  it('describes each Linux bridge as ip link and bridge link do', () => {
    const ports = JSON.parse(sh('bridge', '-j', 'link')) as Array<{ ifname: string; master: string }>;
    for (const name of ['dw-k-net', 'bridge']) {
      const bridge = networkNamed(topology, name)!.bridge!;
      const truth = ip('link', 'show', bridge.name)[0]!;
      expect(bridge).toMatchObject({ ifindex: truth.ifindex, mac: truth.address, mtu: truth.mtu, state: truth.operstate.toLowerCase() });
      expect(bridge.ports).toEqual(
        ports
          .filter((p) => p.master === bridge.name)
          .map((p) => p.ifname.split('@')[0])
          .sort(),
      );
    }
  });

  it('shows a --net=none container wired by hand, as the seed does it, within a second', async () => {
    const pid = pidOf('dw-k-none');
    const docker0 = networkNamed(topology, 'bridge')!;
    const gateway = docker0.subnets[0]!.gateway ?? '172.17.0.1';
    const pushed = waitForTopology(
      backend,
      (t) => t.unmanagedLinks.some((l) => l.name === A && l.peer?.addresses.includes('172.17.42.99/16') && l.master === 'docker0'),
      5000,
    );
    // The seed's steps, verbatim but for the names.
    sh('ip', 'link', 'add', A, 'type', 'veth', 'peer', 'name', B);
    sh('ip', 'link', 'set', A, 'master', 'docker0');
    sh('ip', 'link', 'set', A, 'up');
    sh('ip', 'link', 'set', B, 'netns', String(pid));
    sh('nsenter', '-t', String(pid), '-n', 'ip', 'link', 'set', 'dev', B, 'name', 'eth0');
    sh('nsenter', '-t', String(pid), '-n', 'ip', 'link', 'set', 'eth0', 'up');
    sh('nsenter', '-t', String(pid), '-n', 'ip', 'addr', 'add', '172.17.42.99/16', 'dev', 'eth0');
    sh('nsenter', '-t', String(pid), '-n', 'ip', 'route', 'add', 'default', 'via', gateway);
    const wired = await pushed;

    const link = wired.unmanagedLinks.find((l) => l.name === A)!;
    const truthA = ip('link', 'show', A)[0]!;
    const truthEth0 = (
      inNs(pid, 'addr', 'show', 'eth0') as Array<IpLink & { addr_info: Array<{ family: string; local: string; prefixlen: number }> }>
    )[0]!;
    expect(link).toMatchObject({
      kind: 'veth',
      ifindex: truthA.ifindex,
      mac: truthA.address,
      master: 'docker0',
      networkId: docker0.id,
      peer: {
        containerId: containerNamed(wired, 'dw-k-none')!.id,
        ifname: 'eth0',
        ifindex: truthEth0.ifindex,
        addresses: truthEth0.addr_info.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
      },
    });
    expect(networkNamed(wired, 'bridge')!.bridge!.ports).toContain(A);
    // And it really works: the hand-wired container reaches a container on docker0 by IP.
    const plainIp = containerNamed(wired, 'dw-k-plain')!.endpoints[0]!.ipv4!.split('/')[0]!;
    expect(execIn('dw-k-none', 'ping', '-c', '1', '-W', '2', plainIp)).toContain('1 packets received');
  });

  it('drops the hand-made link when its host end is deleted', async () => {
    const pushed = waitForTopology(backend, (t) => !t.unmanagedLinks.some((l) => l.name === A), 5000);
    sh('ip', 'link', 'del', A);
    await pushed;
  });

  it('follows a connect and a disconnect on the host side from netlink alone: the veth and the bridge ports as ip and bridge say', async () => {
    // After the first read the backend asks the helper only for the host links netlink named: these must be right.
    const portsOf = (bridge: string) =>
      (JSON.parse(sh('bridge', '-j', 'link')) as Array<{ ifname: string; master: string }>)
        .filter((p) => p.master === bridge)
        .map((p) => p.ifname.split('@')[0])
        .sort();
    const onNet = (t: Topology) => containerNamed(t, 'dw-k-plain')?.endpoints.find((e) => e.networkName === 'dw-k-net');
    const connected = await (async () => {
      const pushed = waitForTopology(backend, (t) => Boolean(onNet(t)?.hostVeth), 5000);
      docker('network', 'connect', 'dw-k-net', 'dw-k-plain');
      return pushed;
    })();
    const endpoint = onNet(connected)!;
    const inside = (inNs(pidOf('dw-k-plain'), 'link', 'show', endpoint.ifname!) as IpLink[])[0]!;
    const veth = ip('link', 'show', 'type', 'veth').find((l) => l.ifindex === inside.link_index)!;
    expect(endpoint.hostVeth).toEqual({ name: veth.ifname, ifindex: veth.ifindex });
    const bridge = networkNamed(connected, 'dw-k-net')!.bridge!;
    expect(bridge.ports).toContain(veth.ifname);
    expect(bridge.ports).toEqual(portsOf(bridge.name));

    const pushed = waitForTopology(backend, (t) => !onNet(t) && !networkNamed(t, 'dw-k-net')!.bridge!.ports.includes(veth.ifname), 5000);
    docker('network', 'disconnect', 'dw-k-net', 'dw-k-plain');
    const disconnected = await pushed;
    expect(networkNamed(disconnected, 'dw-k-net')!.bridge!.ports).toEqual(portsOf(bridge.name));
    expect(disconnected.unmanagedLinks.some((l) => l.name === veth.ifname)).toBe(false);
  });

  it('removes its helper container when it stops', async () => {
    const helpers = () => new Set(docker('ps', '-aq', '--no-trunc', '--filter', 'label=dockwire.helper').split('\n').filter(Boolean));
    const before = helpers();
    const other = startBackend();
    await waitForTopology(other, (t) => t.helper.mode === 'container');
    const started = [...helpers()].filter((id) => !before.has(id));
    expect(started).toHaveLength(1);
    await other.stop();
    expect(helpers().has(started[0]!)).toBe(false);
  });

  it('removes a helper container left by a crashed Dockwire at the next start', async () => {
    // The image the running helper was started from: Dockwire removes leftovers of its own image only.
    const image = docker('ps', '--filter', `label=dockwire.helper.owner=${hostname()}:${process.pid}`, '--format', '{{.Image}}').split(
      '\n',
    )[0]!;
    // What a crash leaves: a helper whose owner's stdin is gone, so it has exited (never one that runs: see helperHardening).
    docker(
      'run',
      '--label',
      'dockwire.helper=1',
      '--label',
      `dockwire.helper.owner=${hostname()}:999999`,
      '--name',
      'dw-leftover-helper',
      image,
    );
    expect(docker('inspect', '-f', '{{.State.Status}}', 'dw-leftover-helper')).toBe('exited');
    const other = startBackend();
    try {
      await waitForTopology(other, (t) => t.helper.mode === 'container');
      expect(docker('ps', '-aq', '--filter', 'name=dw-leftover-helper')).toBe('');
    } finally {
      await other.stop();
    }
  });
});

describe('other helper modes', () => {
  it('local mode (root, local engine) gives the same kernel facts', async () => {
    const local = createBackend({ env: { ...process.env, DOCKWIRE_HELPER: 'local' } });
    try {
      const seen = await waitForTopology(
        local,
        (t) => t.helper.mode === 'local' && Boolean(containerNamed(t, 'dw-k-1')?.endpoints[0]?.hostVeth),
      );
      expect(containerNamed(seen, 'dw-k-1')!.endpoints[0]!.hostVeth).toEqual(containerNamed(topology, 'dw-k-1')!.endpoints[0]!.hostVeth);
    } finally {
      await local.stop();
    }
  });

  it('off: works from the Docker API alone and says the kernel view is off', async () => {
    const off = createBackend({ env: { ...process.env, DOCKWIRE_HELPER: 'off' } });
    try {
      const seen = await waitForTopology(off, (t) => Boolean(containerNamed(t, 'dw-k-1')));
      expect(seen.helper).toEqual({ mode: 'off', reason: 'turned off (DOCKWIRE_HELPER=off)' });
      expect(containerNamed(seen, 'dw-k-1')!.endpoints[0]!.hostVeth).toBeNull();
      expect(seen.unmanagedLinks).toEqual([]);
    } finally {
      await off.stop();
    }
  });
});
