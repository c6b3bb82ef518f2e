/**
 * Wiring a --network none container by hand through Dockwire: ground truth
 * (nsenter ip -j addr, ip -j link, bridge -j link) shows exactly what the
 * seed's manual steps make, and it pings a container on the bridge. Each
 * failure undoes cleanly, leaving no interface anywhere.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { WireProgress } from '../../common/contract';
import { containerNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, execIn, inspectJson, runContainer } from '../support/docker';

const json = (...args: string[]) => JSON.parse(execFileSync(args[0]!, args.slice(1), { encoding: 'utf8' }));
const pidOf = (name: string) => String(inspectJson<{ State: { Pid: number } }>('container', name).State.Pid);
const hostLinks = () => (json('ip', '-j', 'link') as Array<{ ifname: string }>).map((l) => l.ifname);
let backend: Backend;
let bridge: string;

beforeAll(async () => {
  cleanup();
  createNetwork('dw-w-net', '10.218.0.0/24');
  bridge = `br-${inspectJson<{ Id: string }>('network', 'dw-w-net').Id.slice(0, 12)}`;
  runContainer('dw-w-peer', ['--network', 'dw-w-net']);
  runContainer('dw-w-none', ['--network', 'none']);
  runContainer('dw-w-doomed', ['--network', 'none']);
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container' && Boolean(containerNamed(t, 'dw-w-doomed')));
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe('wiring by hand', () => {
  it('makes what the seed’s steps make, reports each step, and the container reaches the bridge', async () => {
    const progress: WireProgress[] = [];
    const unsubscribe = backend.on('wire', (p) => progress.push(p));
    const plan = await backend.handlers.wire({
      wireId: 7,
      container: 'dw-w-none',
      network: 'dw-w-net',
      address: '10.218.0.99/24',
      hostIfname: 'dwA7',
    });
    unsubscribe();
    expect(plan).toMatchObject({
      bridge,
      hostIfname: 'dwA7',
      containerIfname: 'eth0',
      address: '10.218.0.99/24',
      gateway: '10.218.0.1',
      route: true,
    });
    expect(progress.filter((p) => p.wireId === 7 && p.status === 'done').map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);

    // Ground truth: the host end is a veth on the bridge, up; its peer is eth0 in the container, addressed and routed.
    const [hostEnd] = json('ip', '-j', '-d', 'link', 'show', 'dwA7') as Array<{
      ifindex: number;
      link_index: number;
      master: string;
      operstate: string;
      linkinfo: { info_kind: string };
    }>;
    expect(hostEnd).toMatchObject({ master: bridge, linkinfo: { info_kind: 'veth' } });
    const ports = (json('bridge', '-j', 'link') as Array<{ ifname: string; master: string }>)
      .filter((p) => p.master === bridge)
      .map((p) => p.ifname);
    expect(ports).toContain('dwA7');
    const inside = json('nsenter', '-t', pidOf('dw-w-none'), '-n', 'ip', '-j', 'addr') as Array<{
      ifname: string;
      ifindex: number;
      link_index?: number;
      operstate: string;
      addr_info: Array<{ family: string; local: string; prefixlen: number }>;
    }>;
    const eth0 = inside.find((l) => l.ifname === 'eth0')!;
    expect(eth0.ifindex).toBe(hostEnd!.link_index);
    expect(eth0.link_index).toBe(hostEnd!.ifindex);
    expect(eth0.addr_info.filter((a) => a.family === 'inet')).toEqual([expect.objectContaining({ local: '10.218.0.99', prefixlen: 24 })]);
    expect(execFileSync('nsenter', ['-t', pidOf('dw-w-none'), '-n', 'ip', 'route', 'show', 'default'], { encoding: 'utf8' })).toContain(
      'default via 10.218.0.1 dev eth0',
    );
    expect(
      execIn(
        'dw-w-none',
        'ping',
        '-c',
        '1',
        '-W',
        '2',
        inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'dw-w-peer').NetworkSettings
          .Networks['dw-w-net']!.IPAddress,
      ),
    ).toContain('1 packets received');

    // The graph shows it as a hand-made link, and a connectivity test from it passes.
    const topology = await waitForTopology(backend, (t) =>
      t.unmanagedLinks.some((l) => l.name === 'dwA7' && l.peer?.addresses.includes('10.218.0.99/24')),
    );
    expect(topology.unmanagedLinks.find((l) => l.name === 'dwA7')).toMatchObject({ master: bridge, peer: { ifname: 'eth0' } });
    expect((await backend.handlers.test({ from: 'dw-w-none', target: '10.218.0.2' })).ok).toBe(true);
  });

  it('refuses a taken host interface name, leaving nothing behind', async () => {
    const before = hostLinks();
    await expect(
      backend.handlers.wire({ wireId: 8, container: 'dw-w-none', network: 'dw-w-net', hostIfname: 'dwA7' }),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: 'The host already has an interface named dwA7.',
    });
    expect(hostLinks()).toEqual(before);
  });

  it('refuses an address already in use', async () => {
    await expect(
      backend.handlers.wire({ wireId: 9, container: 'dw-w-doomed', network: 'dw-w-net', address: '10.218.0.99/24' }),
    ).rejects.toMatchObject({
      code: 'invalid',
      message: '10.218.0.99 is already in use on dw-w-net.',
    });
  });

  it('a bridge that vanished: the helper refuses before making anything', async () => {
    createNetwork('dw-w-gone', '10.219.0.0/24');
    await waitForTopology(backend, (t) => t.networks.some((n) => n.name === 'dw-w-gone'));
    const goneBridge = `br-${inspectJson<{ Id: string }>('network', 'dw-w-gone').Id.slice(0, 12)}`;
    execFileSync('ip', ['link', 'set', goneBridge, 'down']);
    execFileSync('ip', ['link', 'del', goneBridge]);
    const before = hostLinks();
    const error = await backend.handlers
      .wire({ wireId: 10, container: 'dw-w-doomed', network: 'dw-w-gone', hostIfname: 'dwB10' })
      .catch((e) => e);
    expect(error.message).toMatch(/no bridge br-/);
    expect(hostLinks()).toEqual(before);
    docker('network', 'rm', 'dw-w-gone');
  });

  it('a container that stopped before the wiring: refused, nothing left', async () => {
    await waitForTopology(backend, (t) => containerNamed(t, 'dw-w-doomed')?.state === 'running');
    const stale = await backend.handlers.getTopology({});
    docker('stop', '-t', '0', 'dw-w-doomed');
    const before = hostLinks().filter((name) => name !== 'dwC11');
    // Wire with the plan made while it still ran: its namespace is gone by the time the helper looks.
    const error = await backend.handlers
      .wire({ wireId: 11, container: containerNamed(stale, 'dw-w-doomed')!.id, network: 'dw-w-net', hostIfname: 'dwC11' })
      .catch((e) => e);
    expect(error.message).toMatch(/exited|no longer running/);
    expect(hostLinks().filter((name) => name.startsWith('dw'))).toEqual(before.filter((name) => name.startsWith('dw')));
  });

  it('unwires: the pair is deleted and the graph follows', async () => {
    await backend.handlers.unwire({ container: 'dw-w-none', ifname: 'eth0' });
    expect(hostLinks()).not.toContain('dwA7');
    await waitForTopology(backend, (t) => !t.unmanagedLinks.some((l) => l.name === 'dwA7'));
  });
});
