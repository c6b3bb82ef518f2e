/** Small builders of Docker inspect JSON for unit tests of the pure layer. */
import type { DockerContainerJson, DockerEndpointJson, DockerFacts, DockerNetworkJson } from '../dockerFacts.js';
import type { UnmanagedLink } from '../topology.js';

export const ENGINE = {
  endpoint: 'unix:///var/run/docker.sock',
  version: '20.10.24',
  apiVersion: '1.41',
  hostname: 'testhost',
  os: 'linux',
  arch: 'x86_64',
  swarm: false,
};

/** A 64-hex-digit id that differs for every name (its characters' codes, padded). */
function idFor(name: string, pad: string): string {
  return ([...name].map((ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('') + pad.repeat(64)).slice(0, 64);
}

export function networkJson(name: string, overrides: Partial<DockerNetworkJson> = {}): DockerNetworkJson {
  const id = idFor(name, 'a');
  return { Id: id, Name: name, Driver: 'bridge', Scope: 'local', Options: {}, Labels: {}, IPAM: { Config: [] }, ...overrides };
}

export const DEFAULT_BRIDGE = networkJson('bridge', {
  Id: 'b'.repeat(64),
  Options: { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.name': 'docker0' },
  IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] },
});
export const HOST = networkJson('host', { Id: 'c'.repeat(64), Driver: 'host' });
export const NONE = networkJson('none', { Id: 'd'.repeat(64), Driver: 'null' });

export function endpointJson(network: DockerNetworkJson, ip: string | null, overrides: Partial<DockerEndpointJson> = {}) {
  return {
    NetworkID: network.Id,
    EndpointID: `ep-${network.Name}`,
    IPAddress: ip ?? '',
    IPPrefixLen: ip ? 16 : 0,
    MacAddress: ip ? '02:42:ac:14:00:02' : '',
    Gateway: ip ? ip.replace(/\.\d+$/, '.1') : '',
    Aliases: null,
    ...overrides,
  } satisfies DockerEndpointJson;
}

export function containerJson(
  name: string,
  networkMode: string,
  networks: Record<string, DockerEndpointJson>,
  overrides: Partial<DockerContainerJson> = {},
): DockerContainerJson {
  return {
    Id: idFor(name, 'e'),
    Name: `/${name}`,
    Config: { Image: 'busybox', Labels: {} },
    State: { Status: 'running', Running: true, Pid: 1234, ExitCode: 0 },
    HostConfig: { NetworkMode: networkMode },
    NetworkSettings: { Ports: {}, Networks: networks },
    ...overrides,
  };
}

export function facts(networks: DockerNetworkJson[], containers: DockerContainerJson[]): DockerFacts {
  return {
    engine: ENGINE,
    networks: [DEFAULT_BRIDGE, HOST, NONE, ...networks],
    containers,
    kernelRoutes: {},
    kernel: null,
    helper: { mode: 'off', reason: 'not in unit tests' },
  };
}

/** The seed's hand-made pair: host end A on a bridge, the other end in a container's namespace. */
export function handWiredLink(containerId: string, networkId: string, overrides: Partial<UnmanagedLink> = {}): UnmanagedLink {
  return {
    kind: 'veth',
    name: 'A',
    ifindex: 30,
    mac: '00:00:00:00:00:00',
    state: 'up',
    master: 'docker0',
    networkId,
    peer: { containerId, ifname: 'eth0', ifindex: 31, addresses: ['172.17.42.99/16'] },
    ...overrides,
  };
}
