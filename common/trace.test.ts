import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import type { CountedRule, NftRule, TraceResult } from './helperProtocol.js';
import { planTrace, type TracePlan, type TraceSpec } from './trace.js';
import { explainTrace } from './traceExplain.js';
import type { Topology } from './topology.js';
import { containerJson, endpointJson, facts, handWiredLink, networkJson } from '../tests/fixtures/dockerJson.js';

const FRONT = networkJson('front', { Id: '1'.repeat(64), IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } });
const BACK = networkJson('back', { Id: '2'.repeat(64), IPAM: { Config: [{ Subnet: '10.2.0.0/24' }] } });
const web = containerJson('web', 'front', { front: endpointJson(FRONT, '10.1.0.2') });
const api = containerJson('api', 'front', { front: endpointJson(FRONT, '10.1.0.3') });
const db = containerJson(
  'db',
  'back',
  { back: endpointJson(BACK, '10.2.0.2') },
  {
    NetworkSettings: {
      Ports: { '5432/tcp': [{ HostIp: '0.0.0.0', HostPort: '15432' }] },
      Networks: { back: endpointJson(BACK, '10.2.0.2') },
    },
  },
);
const cache = containerJson(
  'cache',
  'back',
  { back: endpointJson(BACK, '10.2.0.3') },
  {
    NetworkSettings: {
      Ports: { '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '16379' }] },
      Networks: { back: endpointJson(BACK, '10.2.0.3') },
    },
  },
);
const bare1 = containerJson('bare1', 'none', {});
const bare2 = containerJson('bare2', 'none', {});
const stopped = containerJson('stopped', 'front', {}, { State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 0 } });

/** The kernel's side, as the helper would fill it in: each network's bridge, each endpoint's eth0 and host veth. */
function withKernel(topology: Topology): Topology {
  const bridges: Record<string, string> = { front: 'br-front', back: 'br-back' };
  for (const network of topology.networks)
    if (bridges[network.name])
      network.bridge = { name: bridges[network.name]!, ifindex: 5, mac: null, mtu: 1500, state: 'up', addresses: [], ports: [] };
  for (const container of topology.containers)
    for (const endpoint of container.endpoints) {
      endpoint.ifname = 'eth0';
      endpoint.hostVeth = { name: `veth-${container.name}`, ifindex: 10 };
    }
  const id = (name: string) => topology.containers.find((c) => c.name === name)!.id;
  topology.unmanagedLinks = [
    handWiredLink(id('bare1'), '', {
      name: 'hv1',
      master: 'br0',
      networkId: null,
      peer: { containerId: id('bare1'), ifname: 'eth0', ifindex: 41, addresses: ['10.9.0.11/24'] },
    }),
    handWiredLink(id('bare2'), '', {
      name: 'hv2',
      master: 'br0',
      networkId: null,
      peer: { containerId: id('bare2'), ifname: 'eth0', ifindex: 42, addresses: ['10.9.0.12/24'] },
    }),
  ];
  return topology;
}

const topology = withKernel(buildTopology(facts([FRONT, BACK], [web, api, db, cache, bare1, bare2, stopped]), 1, 'now'));
const plan = (spec: TraceSpec) => planTrace(topology, spec);
const labels = (p: TracePlan | null) => p?.hops.map((h) => h.label);

describe('planTrace: the hops a packet should cross', () => {
  it('on one network: out of the source, across the bridge between the two veths, into the target', () => {
    expect(labels(plan({ from: 'web', target: 'api' }).plan)).toEqual([
      'web eth0',
      "veth-web (web's host end)",
      "veth-api (api's host end)",
      'api eth0',
    ]);
  });

  it('across networks: routed by the host from one bridge to the other; tcp when a port is given', () => {
    const { plan: across } = plan({ from: 'web', target: 'db', port: 5432 });
    expect(across).toMatchObject({ address: '10.2.0.2', proto: 'tcp', port: 5432 });
    expect(labels(across)).toEqual([
      'web eth0',
      "veth-web (web's host end)",
      "br-front (front's bridge)",
      "br-back (back's bridge)",
      "veth-db (db's host end)",
      'db eth0',
    ]);
  });

  it("from the host to a published port: to the network's gateway, so the packets cross Docker's DNAT", () => {
    const { plan: fromHost } = plan({ from: 'host', target: 'db', port: 15432 });
    expect(fromHost?.address).toBe('10.2.0.1');
    expect(labels(fromHost)).toEqual(["br-back (back's bridge)", "veth-db (db's host end)", 'db eth0']);
  });

  it("published on 127.0.0.1 only: Docker's proxy connects to the container's own port, so that leg is traced", () => {
    const { plan: loopback } = plan({ from: 'host', target: 'cache', port: 16379 });
    expect(loopback).toMatchObject({ address: '10.2.0.3', port: 6379, containerPort: null });
  });

  it('two containers wired by hand to one bridge: their hand-made veths, and the bridge each is on', () => {
    const { plan: hand } = plan({ from: 'bare1', target: 'bare2' });
    expect(hand?.address).toBe('10.9.0.12');
    expect(hand?.hops.map((h) => [h.ifname, h.bridge])).toEqual([
      ['eth0', null],
      ['hv1', 'br0'],
      ['hv2', 'br0'],
      ['eth0', null],
    ]);
  });

  it('says why there is nothing to trace: a stopped source, an unknown name, a port-less tcp trace', () => {
    expect(plan({ from: 'stopped', target: 'web' }).problem).toBe('stopped is not running: start it, then trace.');
    expect(plan({ from: 'web', target: 'nosuch' }).problem).toMatch(/neither a container of this engine nor an IPv4 address/);
    expect(plan({ from: 'web', target: 'db', proto: 'tcp' }).problem).toBe('A tcp trace needs a port.');
  });
});

const rule = (chain: string, exprs: NftRule['exprs'], table = 'filter'): NftRule => ({ family: 'ip', table, chain, handle: 7, exprs });
const ifnameHex = (name: string) => Buffer.from(`${name}\0`).toString('hex');
const isolationDrop = rule('DOCKER-ISOLATION-STAGE-2', [
  { kind: 'meta', key: 'oifname', dreg: 1 },
  { kind: 'cmp', sreg: 1, op: 'eq', data: ifnameHex('br-back') },
  { kind: 'counter', packets: 3, bytes: 252 },
  { kind: 'immediate', verdict: 'drop' },
]);

/** The helper's evidence: which of the planned hops saw how many requests and replies. */
function evidence(p: TracePlan, seen: Array<[requests: number, replies: number]>, extra: Partial<TraceResult> = {}): TraceResult {
  return {
    marker: 41000,
    sent: 3,
    replied: false,
    outcome: 'timeout',
    routeIfname: 'eth0',
    hops: p.hops.map((hop, i) => ({
      ifname: hop.ifname,
      requests: seen[i]?.[0] ?? 0,
      replies: seen[i]?.[1] ?? 0,
      errors: 0,
      arpRequests: 0,
      arpReplies: 0,
      packets: [],
      mtu: 1500,
    })),
    counted: [],
    elapsedMs: 900,
    lastSentMs: 500,
    ...extra,
  };
}
const counted = (r: NftRule | undefined, delta: number, policy?: string): CountedRule => ({
  ...(r ? { rule: r } : {}),
  family: 'ip',
  table: 'filter',
  chain: r?.chain ?? 'FORWARD',
  ...(policy ? { policy } : {}),
  delta,
});

describe('explainTrace: how far the packets got, and why they stopped', () => {
  const across = plan({ from: 'web', target: 'db' }).plan!;

  it("names Docker's isolation rule whose counter rose, in iptables' words and in plain words, between the two bridges", () => {
    const report = explainTrace(
      { from: 'web', target: 'db' },
      across,
      evidence(
        across,
        [
          [3, 0],
          [3, 0],
          [3, 0],
        ],
        { counted: [counted(isolationDrop, 3)] },
      ),
    );
    expect(report.outcome).toBe('lost');
    expect(report.lastSeen).toBe("br-front (front's bridge)");
    expect(report.firstMissing).toBe("br-back (back's bridge)");
    expect(report.reason).toMatchObject({
      kind: 'rule',
      rule: { chain: 'DOCKER-ISOLATION-STAGE-2', line: '-A DOCKER-ISOLATION-STAGE-2 -o br-back -j DROP', delta: 3 },
    });
    expect(report.reason?.text).toContain(
      'Docker isolates networks from each other: packets from another Docker network into back (bridge br-back)',
    );
  });

  it('names the FORWARD policy on a bridge made by hand, and the rule that would let the packets through', () => {
    const hand = plan({ from: 'bare1', target: 'bare2' }).plan!;
    const report = explainTrace(
      { from: 'bare1', target: 'bare2' },
      hand,
      evidence(
        hand,
        [
          [3, 0],
          [3, 0],
        ],
        { counted: [counted(undefined, 3, 'drop')] },
      ),
    );
    expect(report.reason).toMatchObject({ kind: 'policy', rule: { line: '-P FORWARD DROP' } });
    expect(report.reason?.text).toContain('iptables -I DOCKER-USER -i br0 -o br0 -j ACCEPT');
  });

  it('passes when the answer came back, and says a reset is nothing listening, not a drop', () => {
    expect(explainTrace({ from: 'web', target: 'db' }, across, evidence(across, [[3, 3]], { outcome: 'replied' })).outcome).toBe('passed');
    const tcp = plan({ from: 'web', target: 'db', port: 81 }).plan!;
    const refused = explainTrace({ from: 'web', target: 'db', port: 81 }, tcp, evidence(tcp, [[1, 1]], { outcome: 'refused' }));
    expect(refused.outcome).toBe('refused');
    expect(refused.reason?.text).toBe('The packets reached db:81, and it answered with a reset: nothing listens on port 81 there.');
  });

  it('no route, no ARP answer, a probe that could not be sent: each said as it is', () => {
    expect(
      explainTrace({ from: 'web', target: 'db' }, across, evidence(across, [], { outcome: 'no-route', routeIfname: '' })).reason?.kind,
    ).toBe('no-route');
    const arp = evidence(across, [
      [3, 0],
      [3, 0],
      [3, 0],
    ]);
    arp.hops[2]!.arpRequests = 2;
    expect(explainTrace({ from: 'web', target: 'db' }, across, arp).reason?.kind).toBe('no-arp-reply');
    const failed = explainTrace({ from: 'web', target: 'db' }, across, evidence(across, [], { outcome: 'error', detail: 'cannot bind' }));
    expect(failed).toMatchObject({ outcome: 'error', reason: { text: 'The trace could not send its probe from web: cannot bind.' } });
  });

  it("shows a published port's rewrite: the address sent to, the one the container's hop saw", () => {
    const fromHost = plan({ from: 'host', target: 'db', port: 15432 }).plan!;
    const result = evidence(
      fromHost,
      [
        [1, 1],
        [1, 1],
        [1, 1],
      ],
      { outcome: 'replied' },
    );
    result.hops[2]!.packets = [{ kind: 'request', src: '10.2.0.1', dst: '10.2.0.2', size: 60, timeMs: 1 }];
    expect(explainTrace({ from: 'host', target: 'db', port: 15432 }, fromHost, result).dnat).toMatchObject({
      from: '10.2.0.1:15432',
      to: '10.2.0.2:5432',
    });
  });
});
