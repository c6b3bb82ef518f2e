import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import type { KernelLink, KernelNamespace } from './kernelFacts.js';
import {
  containerJson,
  DEFAULT_BRIDGE,
  endpointJson,
  facts,
  handWiredLink,
  kernelLink,
  networkJson,
} from '../tests/fixtures/dockerJson.js';

const link = kernelLink;

const APP = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });
const appBridge = `br-${APP.Id.slice(0, 12)}`;
const web = containerJson('web', 'app', { app: endpointJson(APP, '10.1.0.2', { MacAddress: '02:42:0a:01:00:02' }) });
const db = containerJson('db', 'app', { app: endpointJson(APP, '10.1.0.3', { MacAddress: '02:42:0a:01:00:03' }) });
const lonely = containerJson('lonely', 'none', {});

const hostLinks = [
  link({ ifindex: 5, name: 'docker0', kind: 'bridge', mac: '02:42:aa:aa:aa:aa' }),
  link({ ifindex: 9, name: appBridge, kind: 'bridge', mac: '02:42:bb:bb:bb:bb' }),
  // web's veth and db's veth: both container ends are ifindex 20 in their own namespaces.
  link({ ifindex: 21, name: 'veth1111111', kind: 'veth', master: 9, peerIfindex: 20, linkNetnsid: 0 }),
  link({ ifindex: 23, name: 'veth2222222', kind: 'veth', master: 9, peerIfindex: 20, linkNetnsid: 1 }),
  // The seed's hand-made pair: A on docker0, B moved into lonely's namespace as eth0.
  link({ ifindex: 30, name: 'A', kind: 'veth', master: 5, peerIfindex: 31, linkNetnsid: 2 }),
  link({ ifindex: 40, name: 'br-manual', kind: 'bridge' }),
];
const namespace = (pid: number, nsid: number, links: KernelLink[]): KernelNamespace => ({ pid, nsid, links, routes: [] });
const kernel = {
  hostLinks,
  namespaces: {
    [web.Id]: namespace(100, 0, [
      link({
        ifindex: 20,
        name: 'eth0',
        kind: 'veth',
        peerIfindex: 21,
        linkNetnsid: 0,
        addresses: [{ family: 'inet', address: '10.1.0.2', prefixlen: 24 }],
      }),
    ]),
    [db.Id]: namespace(200, 1, [
      link({
        ifindex: 20,
        name: 'eth0',
        kind: 'veth',
        peerIfindex: 23,
        linkNetnsid: 0,
        addresses: [{ family: 'inet', address: '10.1.0.3', prefixlen: 24 }],
      }),
    ]),
    [lonely.Id]: namespace(300, 2, [
      link({
        ifindex: 31,
        name: 'eth0',
        kind: 'veth',
        peerIfindex: 30,
        linkNetnsid: 0,
        addresses: [{ family: 'inet', address: '172.17.42.99', prefixlen: 16 }],
      }),
    ]),
  },
};
const topology = buildTopology({ ...facts([APP], [web, db, lonely]), kernel, helper: { mode: 'container', reason: null } }, 1, 'now');
const endpointOf = (name: string) => topology.containers.find((c) => c.name === name)!.endpoints[0]!;

describe('kernel facts in the Topology', () => {
  it('pairs each endpoint with its host veth by ifindex both ways and by namespace id', () => {
    expect(endpointOf('web')).toMatchObject({ ifname: 'eth0', ifindex: 20, hostVeth: { name: 'veth1111111', ifindex: 21 } });
    // Same container-side ifindex (20), other namespace: the nsid tells them apart.
    expect(endpointOf('db')).toMatchObject({ ifname: 'eth0', ifindex: 20, hostVeth: { name: 'veth2222222', ifindex: 23 } });
  });

  it('describes each network’s Linux bridge with its ports', () => {
    const app = topology.networks.find((n) => n.name === 'app')!;
    expect(app.bridge).toEqual({
      name: appBridge,
      ifindex: 9,
      mac: '02:42:bb:bb:bb:bb',
      mtu: 1500,
      state: 'up',
      addresses: [],
      ports: ['veth1111111', 'veth2222222'],
    });
    expect(topology.networks.find((n) => n.name === 'bridge')!.bridge).toMatchObject({ name: 'docker0', ports: ['A'] });
  });

  it('lists the hand-made pair with its container end, and the bridge no network owns', () => {
    expect(topology.unmanagedLinks).toEqual([
      handWiredLink(lonely.Id, DEFAULT_BRIDGE.Id),
      {
        kind: 'bridge',
        name: 'br-manual',
        ifindex: 40,
        mac: '00:00:00:00:00:00',
        state: 'up',
        master: null,
        networkId: null,
        peer: null,
        stats: null,
      },
    ]);
  });

  it("counts a hand-made veth's traffic from the container's end, else from the host's end turned round", () => {
    const counters = (tx: number, rx: number) => ({
      txBytes: tx,
      rxBytes: rx,
      txPackets: tx / 100,
      rxPackets: rx / 100,
      txDropped: 0,
      rxDropped: 1,
    });
    const withStats = structuredClone(kernel);
    withStats.hostLinks.find((l) => l.name === 'A')!.stats = counters(500, 900);
    const build = () =>
      buildTopology({ ...facts([APP], [web, db, lonely]), kernel: withStats, helper: { mode: 'container', reason: null } }, 1, 'now');
    expect(build().unmanagedLinks[0]!.stats).toEqual({
      txBytes: 900,
      rxBytes: 500,
      txPackets: 9,
      rxPackets: 5,
      txDropped: 1,
      rxDropped: 0,
    });
    withStats.namespaces[lonely.Id]!.links[0]!.stats = counters(1200, 300);
    const fromPeer = build();
    expect(fromPeer.unmanagedLinks[0]!.stats).toEqual(counters(1200, 300));
  });

  it('reports the helper’s state', () => {
    expect(topology.helper).toEqual({ mode: 'container', reason: null });
  });
});
