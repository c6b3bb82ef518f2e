import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../tests/fixtures/composeHost.js';
import { combineHosts } from './combineHosts.js';
import { hostState as state, onAnotherEngine as elsewhere } from '../tests/fixtures/manyHosts.js';

describe('combineHosts', () => {
  it('lists every engine’s containers, networks and links, each naming its engine, in the order of the engines', () => {
    const one = composeHostTopology();
    const two = elsewhere(composeHostTopology(), 'beef');
    const combined = combineHosts(
      [
        { state: state('a'), topology: one },
        { state: state('b'), topology: two },
      ],
      7,
    );
    expect(combined.version).toBe(7);
    expect(combined.containers).toHaveLength(one.containers.length * 2);
    expect(combined.containers.slice(0, one.containers.length).every((c) => c.host === 'a')).toBe(true);
    expect(combined.containers.slice(one.containers.length).every((c) => c.host === 'b')).toBe(true);
    expect(combined.networks.map((n) => n.host)).toEqual([...one.networks.map(() => 'a'), ...two.networks.map(() => 'b')]);
    expect(combined.hosts!.map((h) => h.name)).toEqual(['a', 'b']);
    expect(combined.engine).toEqual(one.engine);
  });

  it('lists a network two engines report with one id (a swarm overlay) once, with the engines it spans in place of one', () => {
    const one = composeHostTopology();
    const combined = combineHosts(
      [
        { state: state('a'), topology: one },
        { state: state('b'), topology: one },
      ],
      1,
    );
    expect(combined.networks.map((n) => n.id)).toEqual(one.networks.map((n) => n.id));
    expect(combined.networks.every((n) => n.host === undefined && n.spans?.join() === 'a,b')).toBe(true);
  });

  it('keeps each engine’s own end of a swarm overlay: its underlay address, its peers, its overlay namespace', () => {
    const overlay = (ip: string, bridge: string) => ({
      vni: 4097,
      peers: [{ name: 'x', ip }],
      namespace: { bridge: { name: bridge, ifindex: 2, mac: 'm', mtu: 1450, state: 'up', addresses: [] }, vxlan: null, ports: [] },
    });
    const on = (address: string, bridge: string) => {
      const topology = composeHostTopology();
      topology.engine = { ...topology.engine, swarm: true, swarmAddress: address };
      topology.networks[0] = { ...topology.networks[0]!, driver: 'overlay', scope: 'swarm', overlay: overlay(address, bridge) };
      return topology;
    };
    const combined = combineHosts(
      [
        { state: state('a'), topology: on('10.250.0.11', 'br-a') },
        { state: state('b'), topology: on('10.250.0.12', 'br-b') },
      ],
      1,
    );
    expect(combined.networks[0]!.overlay!.nodes!.map((n) => [n.host, n.address, n.peers.join(), n.namespace?.bridge?.name])).toEqual([
      ['a', '10.250.0.11', '10.250.0.11', 'br-a'],
      ['b', '10.250.0.12', '10.250.0.12', 'br-b'],
    ]);
  });

  it('keeps an engine that never answered in hosts, with its reason, and draws the rest', () => {
    const down = state('down', { state: 'reconnecting', error: 'connect ENOENT /down.sock' });
    const combined = combineHosts(
      [
        { state: down, topology: null },
        { state: state('up'), topology: composeHostTopology() },
      ],
      2,
    );
    expect(combined.hosts![0]).toEqual(down);
    expect(combined.containers.every((c) => c.host === 'up')).toBe(true);
  });
});
