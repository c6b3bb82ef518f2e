/**
 * Overlay networks and swarm, on a one-node swarm of the private engine (made
 * here and left afterwards, so no other test sees it): an attachable overlay
 * with two containers and a service with two replicas and a published port.
 * Dockwire's view is compared with `docker inspect`, `docker network inspect`,
 * `ip -j link` on the host and in each container, and `ip -j -d link` inside
 * the overlay's own namespace (its file under the engine's exec-root).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import type { NetworkInfo, Topology } from '../../common/topology';
import { groupsOf } from '../../renderer/src/layout/groups';
import { dockwire } from '../support/cli';
import { createNetwork, docker, inspectJson, runContainer } from '../support/docker';
import { createService, joinSwarm, leaveSwarm } from '../support/swarm';
import { containerNamed, networkNamed, startBackend, waitForTopology } from './backendHarness';

interface IpLink {
  ifindex: number;
  ifname: string;
  address: string;
  mtu: number;
  master?: string;
  link_index?: number;
  linkinfo?: { info_kind?: string; info_data?: { id?: number } };
}
interface NetworkJson {
  Id: string;
  Options: Record<string, string>;
  Peers?: Array<{ Name: string; IP: string }>;
  Containers: Record<string, { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string }>;
}
interface ContainerJson {
  Id: string;
  State: { Pid: number };
  NetworkSettings: { Networks: Record<string, { IPAddress: string; IPPrefixLen: number; MacAddress: string; EndpointID: string }> };
}

const ipJson = (args: string[]) => JSON.parse(execFileSync('ip', ['-j', ...args], { encoding: 'utf8' })) as IpLink[];
const inContainer = (pid: number, ...args: string[]) =>
  JSON.parse(execFileSync('nsenter', ['-t', String(pid), '-n', 'ip', '-j', ...args], { encoding: 'utf8' })) as IpLink[];
const inNetnsFile = (file: string, ...args: string[]) =>
  JSON.parse(execFileSync('nsenter', [`--net=${file}`, 'ip', '-j', ...args], { encoding: 'utf8' })) as IpLink[];

/** The engine's exec-root, where Docker keeps namespace files: beside its socket (scripts/engine.sh). */
function execRoot(): string {
  const socket = (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  const root = join(dirname(socket), 'exec');
  if (!existsSync(join(root, 'netns'))) throw new Error(`no netns directory under ${root}: is DOCKER_HOST the private engine?`);
  return root;
}

const SERVICE = 'dw-ov-svc';
const PUBLISHED = 18089;
let backend: Backend;
let topology: Topology;

beforeAll(async () => {
  leaveSwarm([SERVICE]);
  // The backend runs before the swarm is made: what swarm makes without events of its own (docker_gwbridge,
  // ingress, the containers' interfaces on the gwbridge) must reach it all the same.
  backend = startBackend();
  await waitForTopology(backend, (t) => t.helper.mode === 'container', 30_000);
  joinSwarm();
  createNetwork('dw-ov', '10.78.0.0/24', '--driver', 'overlay', '--attachable');
  runContainer('dw-ov-1', ['--network', 'dw-ov']);
  runContainer('dw-ov-2', ['--network', 'dw-ov']);
  createService(SERVICE, 2, PUBLISHED);
  topology = await waitForTopology(
    backend,
    (t) =>
      t.helper.mode === 'container' &&
      t.services.some((s) => s.name === SERVICE) &&
      t.containers.filter((c) => c.labels['com.docker.swarm.service.name'] === SERVICE && c.state === 'running').length === 2 &&
      t.networks.filter((n) => n.overlay?.namespace).length === 2 &&
      t.containers.filter((c) => c.endpoints.some((e) => e.networkName === 'docker_gwbridge' && e.hostVeth)).length === 4,
    30_000,
  );
}, 180_000);

afterAll(async () => {
  await backend?.stop();
  leaveSwarm([SERVICE]);
}, 120_000);

const overlayNetwork = (name: string): NetworkInfo => networkNamed(topology, name)!;

describe('overlay networks on a one-node swarm', () => {
  it('names the VXLAN id and the peers as Docker has them, and says the network spans hosts', () => {
    for (const name of ['dw-ov', 'ingress']) {
      const truth = inspectJson<NetworkJson>('network', name);
      const overlay = overlayNetwork(name).overlay!;
      expect(overlay.vni).toBe(Number(truth.Options['com.docker.network.driver.overlay.vxlanid_list']));
      expect(overlay.peers).toEqual((truth.Peers ?? []).map((p) => ({ name: p.Name, ip: p.IP })));
      expect(overlay.peers.map((p) => p.ip)).toEqual(['127.0.0.1']);
    }
    expect(overlayNetwork('ingress').dns).toBe(false);
    expect(overlayNetwork('dw-ov').dns).toBe(true);
  });

  it("draws each container's overlay endpoint and its docker_gwbridge interface as Docker's, never as wired by hand", () => {
    const gwbridge = inspectJson<NetworkJson>('network', 'docker_gwbridge');
    const hostLinks = ipJson(['link']);
    for (const name of ['dw-ov-1', 'dw-ov-2']) {
      const truth = inspectJson<ContainerJson>('container', name);
      const container = containerNamed(topology, name)!;
      const links = inContainer(truth.State.Pid, 'link');
      const onOverlay = container.endpoints.find((e) => e.networkName === 'dw-ov')!;
      const docker = truth.NetworkSettings.Networks['dw-ov']!;
      expect(onOverlay.ipv4).toBe(`${docker.IPAddress}/${docker.IPPrefixLen}`);
      expect(onOverlay.mac).toBe(docker.MacAddress);
      expect(onOverlay.ifindex).toBe(links.find((l) => l.address === docker.MacAddress)!.ifindex);

      const listed = gwbridge.Containers[truth.Id]!;
      const onGwbridge = container.endpoints.find((e) => e.networkName === 'docker_gwbridge')!;
      expect(onGwbridge).toMatchObject({ ipv4: listed.IPv4Address, mac: listed.MacAddress, endpointId: listed.EndpointID });
      const eth = links.find((l) => l.address === listed.MacAddress)!;
      expect(onGwbridge.ifname).toBe(eth.ifname);
      const veth = hostLinks.find((l) => l.ifindex === eth.link_index)!;
      expect(veth.master).toBe('docker_gwbridge');
      expect(onGwbridge.hostVeth).toEqual({ name: veth.ifname, ifindex: veth.ifindex });
    }
    // The ingress sandbox's veth on docker_gwbridge is Docker's too; nothing on this host was wired by hand.
    expect(overlayNetwork('docker_gwbridge').sandboxEndpoints.map((s) => s.sandbox)).toEqual(['ingress-sbox']);
    expect(topology.unmanagedLinks).toEqual([]);
  });

  it("reads the overlay's own namespace: the bridge, the VXLAN device and each endpoint's other end, as ip sees them there", () => {
    for (const name of ['dw-ov', 'ingress']) {
      const network = overlayNetwork(name);
      const file = join(
        execRoot(),
        'netns',
        readdirSync(join(execRoot(), 'netns')).find((f) => f === `1-${network.id.slice(0, 10)}`)!,
      );
      const truth = inNetnsFile(file, '-d', 'link');
      const namespace = network.overlay!.namespace!;
      const br0 = truth.find((l) => l.linkinfo?.info_kind === 'bridge')!;
      const vxlan = truth.find((l) => l.linkinfo?.info_kind === 'vxlan')!;
      expect(namespace.bridge).toMatchObject({ name: br0.ifname, ifindex: br0.ifindex, mac: br0.address, mtu: br0.mtu });
      expect(namespace.vxlan).toMatchObject({
        name: vxlan.ifname,
        ifindex: vxlan.ifindex,
        mtu: vxlan.mtu,
        vni: vxlan.linkinfo!.info_data!.id,
      });
      expect(namespace.vxlan!.vni).toBe(network.overlay!.vni);
      const veths = truth.filter((l) => l.master === br0.ifname && l.linkinfo?.info_kind === 'veth');
      expect(namespace.ports.map((p) => p.ifindex).sort()).toEqual(veths.map((l) => l.ifindex).sort());
      // Every running container on it is one of the bridge's ports, matched by the veth pair's ifindexes.
      const members = topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
      expect(members.length).toBe(2);
      for (const container of members) {
        const eth = inContainer(inspectJson<ContainerJson>('container', container.id).State.Pid, 'link').find(
          (l) => l.ifname === container.endpoints.find((e) => e.networkId === network.id)!.ifname,
        )!;
        expect(namespace.ports.find((p) => p.containerId === container.id)).toMatchObject({ ifindex: eth.link_index, ifname: eth.ifname });
      }
      // What is left is Docker's sandboxes (the load balancer, the ingress sandbox).
      expect(namespace.ports.filter((p) => p.containerId === null).length).toBe(network.sandboxEndpoints.length);
    }
  });

  it('groups service tasks under their service, and shows its published port on ingress', () => {
    const service = topology.services.find((s) => s.name === SERVICE)!;
    const truth = JSON.parse(docker('service', 'inspect', SERVICE))[0] as { ID: string };
    expect(service).toMatchObject({ id: truth.ID, mode: 'replicated', replicas: 2 });
    expect(service.ports).toEqual([{ protocol: 'tcp', targetPort: 80, publishedPort: PUBLISHED, publishMode: 'ingress' }]);
    const tasks = docker('ps', '-q', '--no-trunc', '--filter', `label=com.docker.swarm.service.name=${SERVICE}`).split('\n').sort();
    const group = groupsOf(topology).find((g) => g.id === `s:${SERVICE}`)!;
    expect(group).toMatchObject({ kind: 'service', title: `service ${SERVICE}` });
    expect([...group.containers].sort()).toEqual(tasks);
    expect(group.networks).toContain(overlayNetwork('ingress').id);
  });

  it('tests across the overlay, and the route step names it', async () => {
    const report = await backend.handlers.test({ from: 'dw-ov-1', target: 'dw-ov-2' });
    expect(report.steps.map((s) => [s.name, s.status])).toEqual([
      ['dns', 'pass'],
      ['route', 'pass'],
      ['ping', 'pass'],
    ]);
    expect(report.steps[1]!.summary).toContain(`on overlay network dw-ov, VXLAN ${overlayNetwork('dw-ov').overlay!.vni}`);
  });

  it("counts an overlay endpoint's traffic inside the container (it has no host end)", async () => {
    const network = overlayNetwork('dw-ov');
    const id = containerNamed(topology, 'dw-ov-1')!.id;
    const sample = async () =>
      (await backend.handlers.counters({ containers: ['dw-ov-1'] })).endpoints.find(
        (e) => e.containerId === id && e.networkId === network.id,
      )!;
    const before = await sample();
    docker('exec', 'dw-ov-1', 'ping', '-c', '5', '-i', '0.1', '-s', '800', 'dw-ov-2');
    const after = await sample();
    expect(after.ifname).toBe('eth0');
    expect(after.counters.txBytes - before.counters.txBytes).toBeGreaterThanOrEqual(5 * 800);
    expect(after.counters.rxPackets - before.counters.rxPackets).toBeGreaterThanOrEqual(5);
  });

  it('dockwire topology prints the overlay, its namespace, the gwbridge endpoints and the service', async () => {
    const run = await dockwire(['topology']);
    expect(run.code).toBe(0);
    const vni = overlayNetwork('dw-ov').overlay!.vni;
    expect(run.stdout).toMatch(
      new RegExp(`network dw-ov  driver=overlay  10\\.78\\.0\\.0/24.*VXLAN ${vni}, spans 1 host: 127\\.0\\.0\\.1`),
    );
    expect(run.stdout).toMatch(/overlay namespace: bridge br0 \(up, mtu \d+, 10\.78\.0\.1\/24\) {2}vxlan0 \(vni \d+/);
    expect(run.stdout).toMatch(/dw-ov-1 {2}eth1 {2}172\.\d+\.\d+\.\d+\/\d+ {2}\S+ {2}veth\w+ <-> eth1/);
    expect(run.stdout).toMatch(new RegExp(`${SERVICE}  replicated 2/2 running  ports ${PUBLISHED}->80/tcp \\(ingress\\)`));
    expect(run.stdout).not.toContain('made by hand');
  });

  it("follows containers joining and leaving the overlay: the bridge's ports in its namespace stay true", async () => {
    const network = overlayNetwork('dw-ov');
    const sandboxes = network.sandboxEndpoints.length;
    const portsNow = (t: Topology) => t.networks.find((n) => n.id === network.id)!.overlay!.namespace?.ports ?? [];
    runContainer('dw-ov-3', ['--network', 'dw-ov']);
    const id = inspectJson<ContainerJson>('container', 'dw-ov-3').Id;
    const joined = await waitForTopology(backend, (t) => portsNow(t).some((p) => p.containerId === id), 10_000);
    expect(portsNow(joined).length).toBe(3 + sandboxes);
    // Its way out, on docker_gwbridge (Docker sends no network event for it), is Docker's endpoint, never "by hand".
    const gateway = await waitForTopology(
      backend,
      (t) => Boolean(t.containers.find((c) => c.id === id)?.endpoints.some((e) => e.networkName === 'docker_gwbridge' && e.hostVeth)),
      10_000,
    );
    expect(gateway.unmanagedLinks).toEqual([]);
    docker('rm', '-f', 'dw-ov-3');
    // Read again through the containers that stay: the port is gone, not left as an unknown sandbox.
    const left = await waitForTopology(backend, (t) => portsNow(t).length === 2 + sandboxes, 10_000);
    expect(portsNow(left).filter((p) => p.containerId === null).length).toBe(sandboxes);
  });
});
