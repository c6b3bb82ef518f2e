import { describe, expect, it } from 'vitest';
import { acrossNodesPath, type PathEnd } from './acrossNodesPath.js';

const end = (host: string, address: string, container: string, ip: string, port: string): PathEnd => ({
  host,
  address,
  container,
  ifname: 'eth0',
  ip,
  port,
  namespace: null,
});
const from = end('node2', '10.250.0.12', 'app2', '10.251.60.4', 'veth1');
const to = end('node1', '10.250.0.11', 'app1', '10.251.60.2', 'veth7');
const network = { name: 'swarm-over', vni: 4097 };
const line = (hops: ReturnType<typeof acrossNodesPath>) => hops.map((hop) => `${hop.status} ${hop.host}: ${hop.what}`);

describe('the path of a test across swarm nodes, hop by hop', () => {
  it('names every hop from one container to the other, all passed when the test passed', () => {
    expect(line(acrossNodesPath(network, from, to, 'passed'))).toEqual([
      'pass node2: app2 eth0 10.251.60.4',
      'pass node2: swarm-over’s namespace: veth1 → br0',
      'pass node2: vxlan0 (VXLAN 4097) wraps it in UDP 4789 for 10.250.0.11',
      'pass node2 → node1: underlay 10.250.0.12 → 10.250.0.11, UDP 4789',
      'pass node1: vxlan0 (VXLAN 4097) unwraps it',
      'pass node1: swarm-over’s namespace: br0 → veth7',
      'pass node1: app1 eth0 10.251.60.2',
    ]);
  });

  it('stops at the underlay when UDP 4789 does not pass there, what lies beyond not known', () => {
    const hops = acrossNodesPath(network, from, to, 'blocked-there');
    expect(hops.map((hop) => hop.status)).toEqual(['pass', 'pass', 'pass', 'fail', 'unknown', 'unknown', 'unknown']);
    expect(hops[3]!.host).toBe('node2 → node1');
  });

  it('adds the way back, failed, when the answers are lost there', () => {
    const hops = acrossNodesPath(network, from, to, 'blocked-back');
    expect(hops.at(-1)).toEqual({
      host: 'node1 → node2',
      what: 'the answer: underlay 10.250.0.11 → 10.250.0.12, UDP 4789',
      status: 'fail',
    });
    expect(hops.slice(0, -1).every((hop) => hop.status === 'pass')).toBe(true);
  });

  it('fails at the sending vxlan device when it has no peer entry for the other node', () => {
    const hops = acrossNodesPath(network, from, to, 'no-peer');
    expect(hops[2]).toMatchObject({
      status: 'fail',
      what: 'vxlan0 (VXLAN 4097) has no entry for it on node1 (gossip, 7946): sent nothing',
    });
  });
});
