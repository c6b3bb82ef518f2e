import { describe, expect, it } from 'vitest';
import { containerJson, endpointJson, facts, HOST, networkJson, NONE } from '../tests/fixtures/dockerJson.js';
import { buildTopology } from './buildTopology.js';
import {
  whyNotAcrossEngines,
  whyNotCapture,
  whyNotCaptureUnderlay,
  whyNotConnect,
  whyNotConnectTo,
  whyNotDisconnect,
  whyNotRemoveNetwork,
  whyNotRunOn,
  whyNotWire,
  whyNotWireTo,
} from './rules.js';

const SHOP = networkJson('shop', { IPAM: { Config: [{ Subnet: '10.220.8.0/24', Gateway: '10.220.8.1' }] } });
const MACV = networkJson('lan', { Driver: 'macvlan', IPAM: { Config: [{ Subnet: '10.220.9.0/24' }] } });
const topology = buildTopology(
  facts(
    [SHOP, MACV, HOST, NONE],
    [
      containerJson('web', 'shop', { shop: endpointJson(SHOP, '10.220.8.6') }),
      containerJson('hosty', 'host', { host: endpointJson(HOST, null) }),
      containerJson('alone', 'none', { none: endpointJson(NONE, null) }),
      containerJson('sidecar', 'container:web', {}),
      containerJson('stopped', 'shop', { shop: endpointJson(SHOP, null) }, { State: { Status: 'exited', Running: false, Pid: 0 } }),
    ],
  ),
  1,
  'now',
);
const c = (name: string) => topology.containers.find((x) => x.name === name)!;
const n = (name: string) => topology.networks.find((x) => x.name === name)!;

describe('the rules of what may be done to what', () => {
  it('connect: only a container with networks of its own; host, none and container: modes are refused, each said', () => {
    expect(whyNotConnect(c('web'))).toBeNull();
    expect(whyNotConnect(c('stopped'))).toBeNull();
    expect(whyNotConnect(c('hosty'))).toBe('hosty runs with --network host: Docker connects it to no network.');
    expect(whyNotConnect(c('alone'))).toBe('alone runs with --network none: Docker connects it to no network.');
    expect(whyNotConnect(c('sidecar'))).toBe('sidecar shares another container’s namespace: Docker connects it to no network.');
  });

  it('connect to: not to Docker’s host or none mode, nor where it is already', () => {
    expect(whyNotConnectTo(c('stopped'), n('lan'))).toBeNull();
    expect(whyNotConnectTo(c('web'), n('shop'))).toBe('web is already on shop: nothing to do.');
    expect(whyNotConnectTo(c('web'), n('host'))).toContain('docker run --network host');
    expect(whyNotConnectTo(c('web'), n('none'))).toContain('docker run --network none');
  });

  it('wire by hand: a running container with a namespace of its own (none mode too)', () => {
    expect(whyNotWire(c('web'))).toBeNull();
    expect(whyNotWire(c('alone'))).toBeNull();
    expect(whyNotWire(c('stopped'))).toBe('stopped is exited: it has a namespace to wire only while it runs.');
    expect(whyNotWire(c('hosty'))).toContain('uses the host’s network namespace');
    expect(whyNotWire(c('sidecar'))).toContain('wire that container instead');
  });

  it('wire to: only a network with a Linux bridge', () => {
    expect(whyNotWireTo(n('shop'))).toBeNull();
    expect(whyNotWireTo(n('lan'))).toBe('lan is a macvlan network, not a Linux bridge: only bridges can be wired by hand.');
  });

  it('disconnect: an endpoint of a container that has networks of its own', () => {
    expect(whyNotDisconnect(c('web'), n('shop'))).toBeNull();
    expect(whyNotDisconnect(c('web'), n('lan'))).toBe('web is not on lan.');
    expect(whyNotDisconnect(c('hosty'), n('host'))).toBe(
      'hosty was created in host (--network host): it leaves it only when it is removed.',
    );
  });

  it('capture: a running container with a namespace other than the host’s', () => {
    expect(whyNotCapture(c('web'))).toBeNull();
    expect(whyNotCapture(c('stopped'))).toContain('stopped is not running');
    expect(whyNotCapture(c('hosty'))).toContain('its traffic is the host');
  });

  it('run on and test all pairs: a network, not Docker’s host or none mode', () => {
    expect(whyNotRunOn(n('shop'))).toBeNull();
    expect(whyNotRunOn(n('host'))).toBe('host is Docker’s host mode, not a network containers share.');
  });

  it('remove a network: not one of Docker’s own', () => {
    expect(whyNotRemoveNetwork(n('shop'))).toBeNull();
    expect(whyNotRemoveNetwork(n('host'))).toBe('host is one of Docker’s own networks (bridge, host, none): it cannot be removed.');
  });
});

describe('with several engines', () => {
  it('a container joins only networks of its own engine, and the drop says so', () => {
    const [container, network] = [topology.containers[0]!, topology.networks[0]!];
    expect(whyNotAcrossEngines({ ...container, host: 'node2' }, { ...network, host: 'node2' })).toBeNull();
    expect(whyNotConnectTo({ ...container, host: 'node3' }, { ...network, host: 'node1' })).toBe(
      `${container.name} runs on node3 and ${network.name} is a network of node1: a container joins only networks of its own engine.`,
    );
  });

  it('capture on the underlay: a container on an overlay network, on a swarm node whose swarm interface is known', () => {
    const overlay = { ...n('shop'), driver: 'overlay' };
    const engine = { ...topology.engine, hostname: 'node2', swarmAddress: '10.250.0.12', swarmInterface: { name: 'eth0', mtu: 1500 } };
    expect(whyNotCaptureUnderlay(c('web'), [overlay], engine)).toBeNull();
    expect(whyNotCaptureUnderlay(c('web'), [n('shop')], engine)).toBe(
      'web is on no overlay network: none of its traffic crosses the underlay.',
    );
    expect(whyNotCaptureUnderlay(c('web'), [overlay], topology.engine)).toContain('not a swarm node');
    const { swarmInterface: _, ...unread } = engine;
    expect(whyNotCaptureUnderlay(c('web'), [overlay], unread)).toContain(
      'did not find the interface holding its swarm address 10.250.0.12',
    );
  });
});
