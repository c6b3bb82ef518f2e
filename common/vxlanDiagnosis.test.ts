import { describe, expect, it } from 'vitest';
import type { TrafficCounters } from './topology.js';
import { diagnoseAcrossNodes, type NodeEnd } from './vxlanDiagnosis.js';

const counters = (txPackets: number, rxPackets: number): TrafficCounters => ({
  rxBytes: rxPackets * 100,
  txBytes: txPackets * 100,
  rxPackets,
  txPackets,
  rxDropped: 0,
  txDropped: 0,
});
const end = (host: string, address: string, before: [number, number], after: [number, number]): NodeEnd => ({
  host,
  address,
  before: counters(...before),
  after: counters(...after),
});

describe('why a test across swarm nodes failed, from their vxlan counters', () => {
  it('sent by one node, never arrived at the other: UDP 4789 blocked that way', () => {
    const diagnosis = diagnoseAcrossNodes({
      network: 'lab-over',
      vni: 4097,
      from: end('node2', '10.250.0.12', [10, 10], [13, 10]),
      to: end('node1', '10.250.0.11', [10, 10], [10, 10]),
    });
    expect(diagnosis?.code).toBe('vxlan-blocked');
    expect(diagnosis?.text).toMatch(
      /^node2 \(10\.250\.0\.12\) sent 3 VXLAN packets for lab-over \(VXLAN 4097\) towards node1 \(10\.250\.0\.11\), and node1’s vxlan device received none: UDP 4789 does not pass from node2 to node1/,
    );
  });

  it('arrived and answered, the answers lost: UDP 4789 blocked the other way', () => {
    const diagnosis = diagnoseAcrossNodes({
      network: 'o',
      vni: null,
      from: end('a', '10.0.0.1', [0, 0], [3, 0]),
      to: end('b', '10.0.0.2', [0, 0], [3, 3]),
    });
    expect(diagnosis?.text).toMatch(/UDP 4789 does not pass from b to a/);
  });

  it('nothing sent at all: no peer entry for the other node', () => {
    expect(
      diagnoseAcrossNodes({ network: 'o', vni: 1, from: end('a', '10.0.0.1', [5, 5], [5, 5]), to: end('b', '10.0.0.2', [5, 5], [5, 5]) })
        ?.code,
    ).toBe('vxlan-no-peer');
  });

  it('both ways counted: the overlay carried the probe, so it is not to blame', () => {
    expect(
      diagnoseAcrossNodes({ network: 'o', vni: 1, from: end('a', '10.0.0.1', [0, 0], [3, 3]), to: end('b', '10.0.0.2', [0, 0], [3, 3]) }),
    ).toBeNull();
  });
});
