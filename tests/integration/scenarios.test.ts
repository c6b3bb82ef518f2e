/**
 * The seed's scenarios on a real engine. Dockwire's Topology (from the backend
 * and from `dockwire topology --json`) must match ground truth field by field:
 * `docker network inspect`, `docker inspect`, and the kernel (`ip -j link`,
 * `nsenter -t PID -n ip -j addr`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { ContainerInfo, Topology } from '../../common/topology';
import { containerNamed, networkNamed, startBackend, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, execIn, inspectJson, runContainer } from '../support/docker';

type NetworkJson = {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal: boolean;
  EnableIPv6: boolean;
  IPAM: { Config: Array<{ Subnet: string; Gateway?: string }> };
  Containers: Record<string, { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string }>;
};
type ContainerJson = {
  Id: string;
  Name: string;
  Config: { Image: string };
  State: { Status: string; Pid: number };
  HostConfig: { NetworkMode: string };
  NetworkSettings: {
    Ports: Record<string, Array<{ HostIp: string; HostPort: string }> | null>;
    Networks: Record<
      string,
      {
        NetworkID: string;
        EndpointID: string;
        IPAddress: string;
        IPPrefixLen: number;
        MacAddress: string;
        Gateway: string;
        Aliases: string[] | null;
      }
    >;
  };
};

const NAMES = ['dw-c1', 'dw-c2', 'dw-web', 'dw-lonely', 'dw-hosty', 'dw-side', 'dw-plain'];
let backend: Backend;
let topology: Topology;

beforeAll(async () => {
  cleanup();
  createNetwork('dw-localnet', '10.231.0.0/24');
  createNetwork('dw-backnet', '10.232.0.0/24', '-o', 'com.docker.network.bridge.name=dw-back0');
  runContainer('dw-c1', ['--network', 'dw-localnet']);
  runContainer('dw-c2', ['--network', 'dw-localnet', '--network-alias', 'second']);
  runContainer('dw-web', ['--network', 'dw-localnet', '-p', '127.0.0.1:45050:80'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('dw-lonely', ['--network', 'none']);
  runContainer('dw-hosty', ['--network', 'host']);
  runContainer('dw-side', ['--network', 'container:dw-c1']);
  runContainer('dw-plain', []);
  docker('network', 'connect', 'dw-backnet', 'dw-c1');
  backend = startBackend();
  topology = await waitForTopology(
    backend,
    (t) =>
      NAMES.every((name) => containerNamed(t, name)?.endpoints.length !== undefined) &&
      (containerNamed(t, 'dw-c1')?.endpoints.length ?? 0) === 2,
  );
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe('the seed scenarios work on this engine (ground truth for what follows)', () => {
  it('containers on a user-defined bridge ping each other by name and alias', () => {
    expect(execIn('dw-c2', 'ping', '-c', '1', '-W', '2', 'dw-c1')).toContain('1 packets received');
    expect(execIn('dw-c1', 'ping', '-c', '1', '-W', '2', 'second')).toContain('1 packets received');
  });

  it('the web server answers by name inside the network and on its published port on loopback', async () => {
    expect(execIn('dw-c1', 'wget', '-qO-', 'http://dw-web/')).toContain('hello from dockwire-test');
    expect(await (await fetch('http://127.0.0.1:45050/')).text()).toContain('hello from dockwire-test');
  });
});

describe('networks match docker network inspect', () => {
  it.each(['dw-localnet', 'dw-backnet', 'bridge', 'host', 'none'])('%s', (name) => {
    const truth = inspectJson<NetworkJson>('network', name);
    const mine = networkNamed(topology, name)!;
    expect(mine).toBeDefined();
    expect(mine.id).toBe(truth.Id);
    expect(mine.driver).toBe(truth.Driver);
    expect(mine.scope).toBe(truth.Scope);
    expect(mine.internal).toBe(truth.Internal);
    expect(mine.ipv6).toBe(truth.EnableIPv6);
    expect(mine.subnets.map((s) => [s.subnet, s.gateway])).toEqual((truth.IPAM.Config ?? []).map((c) => [c.Subnet, c.Gateway || null]));
    // Dockwire leaves its own helper container (label dockwire.helper) out of the graph.
    const helpers = new Set(docker('ps', '-q', '--no-trunc', '--filter', 'label=dockwire.helper').split('\n').filter(Boolean));
    const attachedTruth = Object.keys(truth.Containers ?? {})
      .filter((id) => !helpers.has(id))
      .sort();
    const attachedMine = topology.containers
      .filter((c) => c.endpoints.some((e) => e.networkId === truth.Id && e.endpointId))
      .map((c) => c.id)
      .sort();
    expect(attachedMine).toEqual(attachedTruth);
    for (const [id, entry] of Object.entries(truth.Containers ?? {})) {
      if (helpers.has(id)) continue;
      const endpoint = topology.containers.find((c) => c.id === id)!.endpoints.find((e) => e.networkId === truth.Id)!;
      expect(endpoint.endpointId).toBe(entry.EndpointID);
      expect(endpoint.mac).toBe(entry.MacAddress || null);
      expect(endpoint.ipv4).toBe(entry.IPv4Address || null);
    }
  });

  it('names the Linux bridge the kernel has: br-<12 hex>, the bridge.name option, docker0', () => {
    const bridges = (
      JSON.parse(execFileSync('ip', ['-j', '-d', 'link', 'show', 'type', 'bridge'], { encoding: 'utf8' })) as Array<{ ifname: string }>
    ).map((l) => l.ifname);
    const localnet = networkNamed(topology, 'dw-localnet')!;
    expect(localnet.bridge?.name).toBe(`br-${localnet.id.slice(0, 12)}`);
    expect(networkNamed(topology, 'dw-backnet')!.bridge?.name).toBe('dw-back0');
    expect(networkNamed(topology, 'bridge')!.bridge?.name).toBe('docker0');
    for (const name of ['dw-localnet', 'dw-backnet', 'bridge']) expect(bridges).toContain(networkNamed(topology, name)!.bridge?.name);
  });

  it('says which networks give DNS names', () => {
    expect(networkNamed(topology, 'dw-localnet')!.dns).toBe(true);
    expect(networkNamed(topology, 'bridge')!.dns).toBe(false);
  });
});

describe('containers match docker inspect and the kernel', () => {
  it.each(NAMES)('%s', (name) => {
    const truth = inspectJson<ContainerJson>('container', name);
    const mine = containerNamed(topology, name)!;
    expect(mine.id).toBe(truth.Id);
    expect(mine.image).toBe(truth.Config.Image);
    expect(mine.state).toBe(truth.State.Status);
    expect(mine.pid).toBe(truth.State.Pid);
    const networks = truth.NetworkSettings.Networks ?? {};
    expect(mine.endpoints.map((e) => e.networkName).sort()).toEqual(Object.keys(networks).sort());
    for (const endpoint of mine.endpoints) {
      const entry = networks[endpoint.networkName]!;
      expect(endpoint.networkId).toBe(entry.NetworkID);
      expect(endpoint.endpointId).toBe(entry.EndpointID);
      expect(endpoint.ipv4).toBe(entry.IPAddress ? `${entry.IPAddress}/${entry.IPPrefixLen}` : null);
      expect(endpoint.mac).toBe(entry.MacAddress || null);
      expect(endpoint.gateway).toBe(entry.Gateway || null);
      expect(endpoint.aliases).toEqual(entry.Aliases ?? []);
    }
    expectInterfacesMatchKernel(mine, truth.State.Pid);
  });

  it('classifies the four --net modes and user-defined networks', () => {
    const modes = Object.fromEntries(NAMES.map((name) => [name, containerNamed(topology, name)!.networkMode]));
    expect(modes).toEqual({
      'dw-c1': 'dw-localnet',
      'dw-c2': 'dw-localnet',
      'dw-web': 'dw-localnet',
      'dw-lonely': 'none',
      'dw-hosty': 'host',
      'dw-side': 'container',
      'dw-plain': 'bridge',
    });
  });

  it('attaches a container:<x> container to the namespace of x', () => {
    const truth = inspectJson<ContainerJson>('container', 'dw-side');
    expect(truth.HostConfig.NetworkMode).toBe(`container:${inspectJson<ContainerJson>('container', 'dw-c1').Id}`);
    expect(containerNamed(topology, 'dw-side')!.netnsOwner).toBe(containerNamed(topology, 'dw-c1')!.id);
  });

  it('shows the published port as host:port -> container:port, as docker port does', () => {
    expect(docker('port', 'dw-web')).toBe('80/tcp -> 127.0.0.1:45050');
    expect(containerNamed(topology, 'dw-web')!.ports).toEqual([
      { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 45050 },
    ]);
  });

  it('gives the container on two networks one endpoint on each, with the kernel’s interface names', () => {
    const c1 = containerNamed(topology, 'dw-c1')!;
    expect(c1.endpoints.map((e) => [e.networkName, e.ifname])).toEqual([
      ['dw-localnet', 'eth0'],
      ['dw-backnet', 'eth1'],
    ]);
  });
});

describe('dockwire topology --json', () => {
  it('prints the same Topology as the backend', () => {
    const cli = new URL('../../bin/dockwire.js', import.meta.url).pathname;
    if (!existsSync(new URL('../../dist/backend/cli.cjs', import.meta.url))) throw new Error('dist/ is not built: run npm run build');
    const printed = JSON.parse(execFileSync(process.execPath, [cli, 'topology', '--json'], { encoding: 'utf8' })) as Topology;
    // Traffic counters move between two reads: the same wires are counted, and none went back.
    const counted = <T extends { stats: unknown }>(x: T) => ({ ...x, stats: x.stats ? 'counted' : null });
    const strip = (t: Topology) => ({
      ...t,
      version: 0,
      generatedAt: '',
      containers: t.containers.map((c) => ({ ...c, endpoints: c.endpoints.map(counted) })),
      unmanagedLinks: t.unmanagedLinks.map(counted),
    });
    expect(strip(printed)).toEqual(strip(topology));
    const bytes = (t: Topology) => t.containers.flatMap((c) => c.endpoints.map((e) => (e.stats ? e.stats.rxBytes + e.stats.txBytes : 0)));
    bytes(printed).forEach((later, index) => expect(later).toBeGreaterThanOrEqual(bytes(topology)[index]!));
  });
});

/** Each IPv4 endpoint's interface, per `nsenter -t PID -n ip -j addr`: right name, right address. */
function expectInterfacesMatchKernel(container: ContainerInfo, pid: number): void {
  // Every container of the scenarios runs: one without a pid is a broken scenario, not a pass.
  expect(pid, `${container.name} has no pid: it is not running`).toBeGreaterThan(0);
  if (container.networkModeKind === 'host') {
    // Host mode: its namespace is the host's own, so the host's interfaces are its interfaces.
    expect(readlinkSync(`/proc/${pid}/ns/net`)).toBe(readlinkSync('/proc/self/ns/net'));
    return;
  }
  const links = JSON.parse(execFileSync('nsenter', ['-t', String(pid), '-n', 'ip', '-j', 'addr'], { encoding: 'utf8' })) as Array<{
    ifname: string;
    address: string;
    addr_info: Array<{ family: string; local: string; prefixlen: number }>;
  }>;
  const kernel = links.flatMap((l) =>
    l.addr_info
      .filter((a) => a.family === 'inet' && l.ifname !== 'lo')
      .map((a) => ({ ifname: l.ifname, ipv4: `${a.local}/${a.prefixlen}`, mac: l.address })),
  );
  const mine = (container.networkModeKind === 'container' ? [] : container.endpoints)
    .filter((e) => e.ipv4)
    .map((e) => ({ ifname: e.ifname, ipv4: e.ipv4, mac: e.mac }));
  if (container.networkModeKind === 'none') expect(links.map((l) => l.ifname)).toEqual(['lo']);
  else if (container.networkModeKind !== 'container')
    expect(mine.sort((a, b) => a.ipv4!.localeCompare(b.ipv4!))).toEqual(kernel.sort((a, b) => a.ipv4.localeCompare(b.ipv4)));
}
