import { describe, expect, it } from 'vitest';
import { describeTunnelEnd, mtuProblem, overlayMesh } from './overlayMesh.js';
import type { NetworkInfo, OverlayNodePart } from './topology.js';

const end = (host: string, address: string | null, peers: string[], over: Partial<OverlayNodePart> = {}): OverlayNodePart => ({
  host,
  address,
  peers,
  namespace: null,
  underlay: null,
  ...over,
});
const network = (nodes: OverlayNodePart[] | undefined) =>
  ({ name: 'swarm-over', overlay: { vni: 4097, peers: [], namespace: null, ...(nodes ? { nodes } : {}) } }) as unknown as NetworkInfo;
const ALL = ['10.250.0.11', '10.250.0.12', '10.250.0.13'];

describe('an overlay network across nodes as a mesh of VXLAN tunnels', () => {
  it('has a tunnel between every two nodes, up when each lists the other as a peer', () => {
    const mesh = overlayMesh(network([end('node1', ALL[0]!, ALL), end('node2', ALL[1]!, ALL), end('node3', ALL[2]!, ALL)]))!;
    expect(mesh.tunnels.map((t) => `${t.from}-${t.to}:${t.state}`)).toEqual(['node1-node2:up', 'node1-node3:up', 'node2-node3:up']);
    expect(mesh.elsewhere).toEqual([]);
  });

  it('names the node that lists no peer for the other, and the gossip port that tells it', () => {
    const mesh = overlayMesh(network([end('node1', ALL[0]!, [ALL[0]!]), end('node2', ALL[1]!, ALL)]))!;
    expect(mesh.tunnels[0]).toMatchObject({ state: 'missing' });
    expect(mesh.tunnels[0]!.why).toContain('node1 lists no peer at 10.250.0.12 for swarm-over');
    expect(mesh.tunnels[0]!.why).not.toContain('node2 lists');
    expect(mesh.tunnels[0]!.why).toContain('7946');
  });

  it('says a tunnel is unknown when a node did not say its underlay address, and lists peers of nodes not followed', () => {
    const mesh = overlayMesh(network([end('node1', ALL[0]!, ALL), end('node2', null, ALL)]))!;
    expect(mesh.tunnels[0]).toMatchObject({ state: 'unknown' });
    expect(mesh.tunnels[0]!.why).toContain('node2 did not say its underlay address');
    expect(mesh.elsewhere).toEqual(['10.250.0.12', '10.250.0.13']);
  });

  it('is no mesh on one node, or for a network of one engine', () => {
    expect(overlayMesh(network(undefined))).toBeNull();
    expect(overlayMesh(network([end('node1', ALL[0]!, ALL)]))).toBeNull();
  });

  it("describes a node's end from its overlay namespace, or says it was not read", () => {
    expect(describeTunnelEnd(end('node1', ALL[0]!, ALL))[0]).toContain('not read');
    const namespace = {
      bridge: { name: 'br0', ifindex: 2, mac: 'm', mtu: 1450, state: 'up', addresses: ['10.251.60.1/24'] },
      vxlan: {
        name: 'vxlan0',
        ifindex: 3,
        mac: 'm',
        mtu: 1450,
        state: 'up',
        vni: 4097,
        stats: { rxBytes: 0, txBytes: 0, rxPackets: 7, txPackets: 9, rxDropped: 0, txDropped: 0 },
      },
      ports: [{ name: 'veth0', ifindex: 4, state: 'up', containerId: null, ifname: null }],
    };
    expect(describeTunnelEnd(end('node1', ALL[0]!, ALL, { namespace }))).toEqual([
      'br0 10.251.60.1/24',
      'vxlan0 VNI 4097 · MTU 1450',
      '1 port · packets out 9 · in 7',
    ]);
  });

  it('says when the overlay’s MTU plus VXLAN’s 50 bytes no longer fits the node’s underlay interface', () => {
    const vxlan = (mtu: number) => ({
      bridge: null,
      vxlan: { name: 'vxlan0', ifindex: 3, mac: 'm', mtu, state: 'up', vni: 4097, stats: null },
      ports: [],
    });
    const at = (overlayMtu: number, underlayMtu: number) =>
      mtuProblem(end('node1', ALL[0]!, ALL, { namespace: vxlan(overlayMtu), underlay: { name: 'eth0', mtu: underlayMtu } }));
    expect(at(1450, 1500)).toBeNull();
    expect(at(1450, 1400)).toMatch(
      /^On node1, vxlan0’s MTU 1450 plus 50 bytes of VXLAN headers is 1500, more than eth0’s MTU 1400: frames over 1350 bytes/,
    );
    expect(at(1450, 1400)).toContain('com.docker.network.driver.mtu=1350');
    expect(mtuProblem(end('node1', ALL[0]!, ALL))).toBeNull();
  });
});
