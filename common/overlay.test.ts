import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology';
import type { DockerFacts } from './dockerFacts';
import type { KernelLink } from './kernelFacts';
import { taskTitle } from './overlay';
import { kernelLink } from '../tests/fixtures/dockerJson.js';

const link = (ifindex: number, name: string, kind: string, extra: Partial<KernelLink> = {}): KernelLink =>
  kernelLink({ ifindex, name, kind, mac: `02:00:00:00:00:${ifindex.toString(16).padStart(2, '0')}`, mtu: 1450, ...extra });
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const OVERLAY_ID = 'xcww17ky11gsviwva0i87mh44';

/** One overlay with two containers and Docker's load balancer; a gwbridge listing both containers and the ingress sandbox. */
function facts(): DockerFacts {
  const container = (id: string, name: string, ip: string, mac: string, pid: number) => ({
    Id: id,
    Name: `/${name}`,
    State: { Status: 'running', Running: true, Pid: pid },
    HostConfig: { NetworkMode: 'ov' },
    NetworkSettings: {
      Networks: { ov: { NetworkID: OVERLAY_ID, EndpointID: `ep-${name}`, IPAddress: ip, IPPrefixLen: 24, MacAddress: mac } },
    },
  });
  return {
    engine: { endpoint: 'unix:///x', version: '20.10', apiVersion: '1.41', hostname: 'h', os: 'linux', arch: 'amd64', swarm: true },
    networks: [
      {
        Id: OVERLAY_ID,
        Name: 'ov',
        Driver: 'overlay',
        Scope: 'swarm',
        Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' },
        Peers: [{ Name: 'node1', IP: '127.0.0.1' }],
        Containers: { 'lb-ov': { Name: 'ov-endpoint', EndpointID: 'lb', MacAddress: '02:42:0a:00:00:03', IPv4Address: '10.0.0.3/24' } },
      },
      {
        Id: 'g'.repeat(64),
        Name: 'docker_gwbridge',
        Driver: 'bridge',
        IPAM: { Config: [{ Subnet: '172.18.0.0/16', Gateway: '172.18.0.1' }] },
        Options: { 'com.docker.network.bridge.name': 'docker_gwbridge' },
        Containers: {
          [A]: { Name: 'gateway_a', EndpointID: 'gw-a', MacAddress: '02:42:ac:12:00:03', IPv4Address: '172.18.0.3/16' },
          'ingress-sbox': {
            Name: 'gateway_ingress-sbox',
            EndpointID: 'gw-i',
            MacAddress: '02:42:ac:12:00:02',
            IPv4Address: '172.18.0.2/16',
          },
        },
      },
    ],
    containers: [container(A, 'one', '10.0.0.2', '02:42:0a:00:00:02', 100), container(B, 'two', '10.0.0.4', '02:42:0a:00:00:04', 200)],
    kernelRoutes: {},
    helper: { mode: 'container', reason: null },
    kernel: {
      hostLinks: [
        link(4, 'docker_gwbridge', 'bridge'),
        link(10, 'vethaaaa', 'veth', { master: 4, peerIfindex: 21, linkNetnsid: 1 }),
        // The ingress sandbox's veth: its namespace is no container's.
        link(11, 'vethsbox', 'veth', { master: 4, peerIfindex: 2, linkNetnsid: 9 }),
      ],
      namespaces: {
        [A]: {
          pid: 100,
          nsid: 1,
          links: [
            link(20, 'eth0', 'veth', {
              peerIfindex: 31,
              linkNetnsid: 0,
              addresses: [{ family: 'inet', address: '10.0.0.2', prefixlen: 24 }],
            }),
            link(21, 'eth1', 'veth', {
              peerIfindex: 10,
              linkNetnsid: 1,
              addresses: [{ family: 'inet', address: '172.18.0.3', prefixlen: 16 }],
            }),
          ],
          routes: [],
          peerNamespaces: [
            {
              nsid: 0,
              links: [
                link(2, 'br0', 'bridge', { addresses: [{ family: 'inet', address: '10.0.0.1', prefixlen: 24 }] }),
                link(3, 'vxlan0', 'vxlan', { master: 2, vxlanId: 4097 }),
                link(30, 'veth0', 'veth', { master: 2, peerIfindex: 5, linkNetnsid: 3 }),
                link(31, 'veth1', 'veth', { master: 2, peerIfindex: 20, linkNetnsid: 1 }),
                link(32, 'veth2', 'veth', { master: 2, peerIfindex: 40, linkNetnsid: 2 }),
              ],
            },
          ],
        },
        [B]: {
          pid: 200,
          nsid: 2,
          links: [
            link(40, 'eth0', 'veth', {
              peerIfindex: 32,
              linkNetnsid: 0,
              addresses: [{ family: 'inet', address: '10.0.0.4', prefixlen: 24 }],
            }),
          ],
          routes: [],
        },
      },
    },
  };
}

describe('overlay networks', () => {
  const topology = buildTopology(facts(), 1, 'now');
  const overlay = topology.networks.find((n) => n.name === 'ov')!;

  it("takes the VXLAN id and peers from Docker and the namespace's devices from the kernel", () => {
    expect(overlay.overlay).toEqual({
      vni: 4097,
      peers: [{ name: 'node1', ip: '127.0.0.1' }],
      namespace: {
        bridge: { name: 'br0', ifindex: 2, mac: '02:00:00:00:00:02', mtu: 1450, state: 'up', addresses: ['10.0.0.1/24'] },
        vxlan: { name: 'vxlan0', ifindex: 3, mac: '02:00:00:00:00:03', mtu: 1450, state: 'up', vni: 4097, stats: null },
        ports: [
          { name: 'veth0', ifindex: 30, state: 'up', containerId: null, ifname: null },
          { name: 'veth1', ifindex: 31, state: 'up', containerId: A, ifname: 'eth0' },
          { name: 'veth2', ifindex: 32, state: 'up', containerId: B, ifname: 'eth0' },
        ],
      },
    });
    expect(overlay.sandboxEndpoints).toEqual([
      { sandbox: 'lb-ov', name: 'ov-endpoint', endpointId: 'lb', ipv4: '10.0.0.3/24', mac: '02:42:0a:00:00:03' },
    ]);
  });

  it("makes a container's docker_gwbridge interface its endpoint, and Docker's sandbox veth no hand-made link", () => {
    const one = topology.containers.find((c) => c.name === 'one')!;
    expect(one.endpoints.find((e) => e.networkName === 'docker_gwbridge')).toMatchObject({
      endpointId: 'gw-a',
      ifname: 'eth1',
      ipv4: '172.18.0.3/16',
      gateway: '172.18.0.1',
      hostVeth: { name: 'vethaaaa', ifindex: 10 },
    });
    expect(topology.unmanagedLinks).toEqual([]);
  });

  it('still shows a veth to an unknown namespace as hand-made when the bridge lists no sandbox', () => {
    const changed = facts();
    changed.networks[1]!.Containers = { [A]: changed.networks[1]!.Containers![A]! };
    expect(buildTopology(changed, 1, 'now').unmanagedLinks.map((l) => l.name)).toEqual(['vethsbox']);
  });

  it('leaves the namespace unknown when no container on the network reaches it, and without the kernel view', () => {
    const noPeers = facts();
    delete noPeers.kernel!.namespaces[A]!.peerNamespaces;
    expect(buildTopology(noPeers, 1, 'now').networks.find((n) => n.name === 'ov')!.overlay!.namespace).toBeNull();
    const noKernel = { ...facts(), kernel: null };
    expect(buildTopology(noKernel, 1, 'now').networks.find((n) => n.name === 'ov')!.overlay).toEqual({
      vni: 4097,
      peers: [{ name: 'node1', ip: '127.0.0.1' }],
      namespace: null,
    });
  });

  it('reads a missing or garbled VXLAN id as unknown', () => {
    for (const value of [undefined, '', 'abc', '0']) {
      const changed = facts();
      changed.networks[0]!.Options = value === undefined ? {} : { 'com.docker.network.driver.overlay.vxlanid_list': value };
      expect(buildTopology(changed, 1, 'now').networks.find((n) => n.name === 'ov')!.overlay!.vni).toBeNull();
    }
  });

  it('names swarm tasks by service and slot', () => {
    const labels = { 'com.docker.swarm.service.name': 'web' };
    expect(taskTitle('web.1.a2d8n4zx6djwhe055pl86fnc7', labels)).toBe('web.1');
    expect(taskTitle('web.1.a2d8n4zx6djwhe055pl86fnc7', {})).toBeNull();
    expect(taskTitle('hand-named', labels)).toBeNull();
  });
});
