import { describe, expect, it } from 'vitest';
import type { ContainerInfo, EndpointInfo, UnmanagedLink } from '../../../common/topology';
import { endpointLabel, handWiredLabel } from './wireLabel';

const container = { networkModeKind: 'network' } as ContainerInfo;
const endpoint: EndpointInfo = {
  networkId: 'n',
  networkName: 'app',
  endpointId: 'e',
  ifname: 'eth0',
  ifindex: 20,
  hostVeth: { name: 'veth1234567', ifindex: 21 },
  ipv4: '10.1.0.2/24',
  ipv6: null,
  mac: '02:42:0a:01:00:02',
  gateway: '10.1.0.1',
  ipv6Gateway: null,
  aliases: [],
  stats: null,
};

describe('wire labels', () => {
  it('names both ends of the veth pair, then address and MAC', () => {
    expect(endpointLabel(container, endpoint)).toEqual(['veth1234567 ↔ eth0', '10.1.0.2/24', '02:42:0a:01:00:02']);
  });

  it('says eth? without kernel facts, and what a stopped or host-mode container has', () => {
    expect(endpointLabel(container, { ...endpoint, ifname: null, hostVeth: null })[0]).toBe('eth?');
    expect(endpointLabel(container, { ...endpoint, endpointId: '' })).toEqual(['not running']);
    expect(endpointLabel({ networkModeKind: 'host' } as ContainerInfo, endpoint)).toEqual(['uses the host’s interfaces']);
  });

  it('marks a hand-made pair as wired by hand', () => {
    const link = { name: 'A', peer: { containerId: 'c', ifname: 'eth0', ifindex: 31, addresses: ['172.17.42.99/16'] } } as UnmanagedLink;
    expect(handWiredLabel(link)).toEqual(['A ↔ eth0', '172.17.42.99/16', 'wired by hand']);
  });
});
