import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { DEFAULT_BRIDGE, handWiredLink } from '../../../tests/fixtures/dockerJson';
import { isIdlePredefined } from './groups';
import { handWiredInto, topologyIndex } from './topologyIndex';

const host = composeHostTopology();

describe('the lookups of one Topology', () => {
  it('counts each network’s containers as a scan of every container does (a card’s "N attached")', () => {
    const index = topologyIndex(host);
    for (const network of host.networks) {
      const scanned = host.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id)).length;
      expect(index.attached(network.id), network.name).toBe(scanned);
    }
    expect(host.networks.some((n) => index.attached(n.id) > 1)).toBe(true);
    expect(index.network(host.networks[0]!.id)).toBe(host.networks[0]);
    expect(index.container(host.containers[0]!.id)).toBe(host.containers[0]);
    expect(index.network('no-such-id')).toBeUndefined();
  });

  it('belongs to the Topology object: a live change (a new object) is counted afresh', () => {
    const proxy = host.containers.find((c) => c.endpoints.length > 1)!;
    const [first] = proxy.endpoints;
    const before = topologyIndex(host).attached(first!.networkId);
    const disconnected = {
      ...host,
      containers: host.containers.map((c) => (c === proxy ? { ...c, endpoints: c.endpoints.slice(1) } : c)),
    };
    expect(topologyIndex(disconnected).attached(first!.networkId)).toBe(before - 1);
    expect(topologyIndex(host).attached(first!.networkId)).toBe(before);
  });

  it('a predefined network is idle exactly while no container is on it', () => {
    const bridge = host.networks.find((n) => n.name === 'bridge')!;
    const emptied = { ...host, containers: host.containers.filter((c) => !c.endpoints.some((e) => e.networkId === bridge.id)) };
    expect(isIdlePredefined(bridge, emptied)).toBe(true);
    expect(isIdlePredefined(bridge, host)).toBe(topologyIndex(host).attached(bridge.id) === 0);
  });

  it('finds the veths wired by hand into a container, and none for another', () => {
    const [a, b] = host.containers;
    const links = [
      handWiredLink(a!.id, DEFAULT_BRIDGE.Id, { ifindex: 40 }),
      handWiredLink(a!.id, DEFAULT_BRIDGE.Id, { ifindex: 42 }),
      // Not a veth: a bridge the user made has no peer in a container.
      { ...handWiredLink(b!.id, DEFAULT_BRIDGE.Id, { ifindex: 44 }), kind: 'bridge' as const },
    ];
    expect(handWiredInto(a!.id, links).map((l) => l.ifindex)).toEqual([40, 42]);
    expect(handWiredInto(b!.id, links)).toEqual([]);
  });
});
