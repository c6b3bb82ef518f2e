import { describe, expect, it } from 'vitest';
import { buildTopology, resolveNetworkMode } from './buildTopology.js';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, HOST, networkJson, NONE } from '../tests/fixtures/dockerJson.js';

const LOCALNET = networkJson('localnet', {
  Id: '856c9146edc788314fca02298fd35f344581e57d8aa906de7dc5a220e815a44b',
  IPAM: { Config: [{ Subnet: '172.20.0.0/16', Gateway: '172.20.0.1' }] },
});

describe('buildTopology: networks', () => {
  const topology = buildTopology(facts([LOCALNET], []), 1, 'now');
  const byName = (name: string) => topology.networks.find((n) => n.name === name)!;

  it('names the Linux bridge: docker0 from the option, br- + 12 hex digits otherwise', () => {
    expect(byName('bridge').bridge?.name).toBe('docker0');
    expect(byName('localnet').bridge?.name).toBe('br-856c9146edc7');
    expect(byName('host').bridge).toBeNull();
  });

  it('says which networks give DNS names: user-defined yes, the default bridge, host and none no', () => {
    expect(byName('localnet').dns).toBe(true);
    expect(byName('bridge').dns).toBe(false);
    expect(byName('host').dns).toBe(false);
    expect(byName('none').dns).toBe(false);
  });

  it('honours com.docker.network.bridge.name on a user-defined bridge', () => {
    const named = networkJson('named', { Options: { 'com.docker.network.bridge.name': 'dw-br0' } });
    const network = buildTopology(facts([named], []), 1, 'now').networks.find((n) => n.name === 'named')!;
    expect(network.bridge?.name).toBe('dw-br0');
  });

  it('lists predefined networks first and marks them, then the rest by name', () => {
    expect(topology.networks.map((n) => [n.name, n.predefined])).toEqual([
      ['bridge', true],
      ['host', true],
      ['none', true],
      ['localnet', false],
    ]);
  });

  it('keeps subnets with their gateways', () => {
    expect(byName('localnet').subnets).toEqual([{ subnet: '172.20.0.0/16', gateway: '172.20.0.1', ipRange: null }]);
  });

  it('reports the parent interface of a macvlan network', () => {
    const mac = networkJson('mac', { Driver: 'macvlan', Options: { parent: 'eth9', macvlan_mode: 'bridge' } });
    const network = buildTopology(facts([mac], []), 1, 'now').networks.find((n) => n.name === 'mac')!;
    expect(network.parent).toBe('eth9');
    expect(network.bridge).toBeNull();
  });
});

describe('buildTopology: containers', () => {
  const c1 = containerJson('c1', 'localnet', {
    localnet: endpointJson(LOCALNET, '172.20.0.2', { Aliases: ['b4168f8308fd'] }),
  });
  const web = containerJson(
    'web',
    'localnet',
    { localnet: endpointJson(LOCALNET, '172.20.0.4') },
    {
      NetworkSettings: {
        Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '5050' }], '443/tcp': null },
        Networks: { localnet: endpointJson(LOCALNET, '172.20.0.4') },
      },
    },
  );
  const hosty = containerJson('hosty', 'host', { host: endpointJson(HOST, null) });
  const lonely = containerJson('lonely', 'none', { none: endpointJson(NONE, null) });
  const sharer = containerJson('sharer', `container:${c1.Id}`, {});
  const twoNets = containerJson('two', 'default', {
    bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.2'),
    localnet: endpointJson(LOCALNET, '172.20.0.9'),
  });
  const topology = buildTopology(
    {
      ...facts([LOCALNET], [c1, web, hosty, lonely, sharer, twoNets]),
      kernelRoutes: {
        [twoNets.Id]: [
          { ifname: 'eth0', destination: '172.17.0.0/16' },
          { ifname: 'eth1', destination: '172.20.0.0/16' },
        ],
      },
    },
    7,
    'now',
  );
  const byName = (name: string) => topology.containers.find((c) => c.name === name)!;

  it('strips the leading slash from names and sorts containers by name', () => {
    expect(topology.containers.map((c) => c.name)).toEqual(['c1', 'hosty', 'lonely', 'sharer', 'two', 'web']);
  });

  it('gives each endpoint its network, address with prefix, MAC, gateway and aliases', () => {
    expect(byName('c1').endpoints).toEqual([
      {
        networkId: LOCALNET.Id,
        networkName: 'localnet',
        endpointId: 'ep-localnet',
        ifname: null,
        ifindex: null,
        hostVeth: null,
        ipv4: '172.20.0.2/16',
        ipv6: null,
        mac: '02:42:ac:14:00:02',
        gateway: '172.20.0.1',
        ipv6Gateway: null,
        aliases: ['b4168f8308fd'],
        stats: null,
      },
    ]);
  });

  it('classifies every network mode', () => {
    expect(
      [byName('c1'), byName('hosty'), byName('lonely'), byName('sharer'), byName('two')].map((c) => [c.networkMode, c.networkModeKind]),
    ).toEqual([
      ['localnet', 'network'],
      ['host', 'host'],
      ['none', 'none'],
      ['container', 'container'],
      ['bridge', 'bridge'],
    ]);
  });

  it('resolves container:<id> to the owner of the shared namespace', () => {
    expect(byName('sharer').netnsOwner).toBe(c1.Id);
    expect(byName('c1').netnsOwner).toBeNull();
  });

  it('lists only published ports, as host:port -> container:port', () => {
    expect(byName('web').ports).toEqual([{ containerPort: 80, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 5050 }]);
  });

  it('names interfaces from the kernel routes of the namespace and orders endpoints by them', () => {
    expect(byName('two').endpoints.map((e) => [e.ifname, e.networkName, e.ipv4])).toEqual([
      ['eth0', 'bridge', '172.17.0.2/16'],
      ['eth1', 'localnet', '172.20.0.9/16'],
    ]);
  });

  it('leaves Dockwire’s own helper container out of the graph, recognised by its verified image, not a label', () => {
    const labels = { 'dockwire.helper': '1', 'dockwire.helper.owner': 'host:42' };
    const helper = containerJson(
      'dockwire-helper-1',
      'host',
      {},
      { Image: 'sha256:helper', Config: { Image: 'sha256:helper', Labels: labels } },
    );
    // Labels anyone can set: a container carrying them but running another image stays in view.
    const impostor = containerJson('hiding', 'host', {}, { Image: 'sha256:other', Config: { Image: 'busybox', Labels: labels } });
    // Our image on a network of its own is not how Dockwire runs its helper: shown too.
    const onNetwork = containerJson(
      'ours-elsewhere',
      'bridge',
      {},
      { Image: 'sha256:helper', Config: { Image: 'sha256:helper', Labels: labels } },
    );
    const built = buildTopology({ ...facts([], [helper, impostor, onNetwork]), helperImageId: 'sha256:helper' }, 1, 'now');
    expect(built.containers.map((c) => c.name)).toEqual(['hiding', 'ours-elsewhere']);
    expect(buildTopology(facts([], [helper]), 1, 'now').containers.map((c) => c.name)).toEqual(['dockwire-helper-1']);
  });

  it('carries the version and schema', () => {
    expect(topology.schemaVersion).toBe(1);
    expect(topology.version).toBe(7);
  });

  it('describes a stopped container with its exit code and no pid', () => {
    const stopped = containerJson('stopped', 'bridge', {}, { State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 137 } });
    const info = buildTopology(facts([], [stopped]), 1, 'now').containers[0]!;
    expect(info.status).toBe('exited with code 137');
    expect(info.pid).toBeNull();
  });
});

describe('resolveNetworkMode', () => {
  it('resolves a network given by id to its name', () => {
    const network = buildTopology(facts([LOCALNET], []), 1, 'now').networks;
    expect(resolveNetworkMode(LOCALNET.Id, [], network)).toEqual({ name: 'localnet', kind: 'network', owner: null });
  });

  it('keeps the reference when the namespace owner is gone', () => {
    expect(resolveNetworkMode('container:deadbeef', [], [])).toEqual({ name: 'container', kind: 'container', owner: 'deadbeef' });
  });
});
