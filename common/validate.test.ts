import { describe, expect, it } from 'vitest';
import { buildTopology } from './buildTopology.js';
import { explainDockerError } from './dockerErrors.js';
import type { NetworkSpec, RunSpec } from './specs.js';
import { containerJson, endpointJson, facts, networkJson } from '../tests/fixtures/dockerJson.js';
import { validateConnect } from './validateConnect.js';
import { validateNetwork } from './validateNetwork.js';
import { dockerRunCommand } from './equivalentCommands.js';
import { parsePorts, splitCommand, validateRun } from './validateRun.js';

const LOCALNET = networkJson('localnet', { IPAM: { Config: [{ Subnet: '172.20.0.0/16', Gateway: '172.20.0.1' }] } });
const c1 = containerJson('c1', 'localnet', { localnet: endpointJson(LOCALNET, '172.20.0.2') });
// A container on the default bridge only, to be connected to the others.
const loner = containerJson('loner', 'bridge', {});
const topology = buildTopology(facts([LOCALNET], [c1, loner]), 1, 'now');
const network = (overrides: Partial<NetworkSpec>): NetworkSpec => ({ name: 'fresh', driver: 'bridge', ...overrides });
const messages = (problems: Array<{ message: string }>) => problems.map((p) => p.message);

describe('validateNetwork', () => {
  it('accepts a sound bridge network', () => {
    expect(
      validateNetwork(network({ ipv4: { subnet: '10.50.0.0/24', gateway: '10.50.0.1', ipRange: '10.50.0.128/25' } }), topology, false),
    ).toEqual([]);
  });

  it.each([
    [
      'an invalid CIDR',
      network({ ipv4: { subnet: '10.50.0.0/33' } }),
      '"10.50.0.0/33" is not a valid IPv4 subnet: write it as a.b.c.d/len, for example 172.20.0.0/16.',
    ],
    ['host bits set', network({ ipv4: { subnet: '10.50.0.9/24' } }), '10.50.0.9/24 has host bits set: did you mean 10.50.0.0/24?'],
    [
      'a gateway outside the subnet',
      network({ ipv4: { subnet: '10.50.0.0/24', gateway: '10.51.0.1' } }),
      'The gateway 10.51.0.1 is outside the subnet 10.50.0.0/24.',
    ],
    [
      'a range outside the subnet',
      network({ ipv4: { subnet: '10.50.0.0/24', ipRange: '10.50.1.0/25' } }),
      'The IP range 10.50.1.0/25 is not inside the subnet 10.50.0.0/24.',
    ],
    [
      'an overlapping subnet',
      network({ ipv4: { subnet: '172.20.5.0/24' } }),
      '172.20.5.0/24 overlaps 172.20.0.0/16, the subnet of network "localnet". Pick a range no other network uses.',
    ],
    ['a duplicate name', network({ name: 'localnet' }), 'A network named "localnet" already exists.'],
    [
      'a name Docker rejects',
      network({ name: 'my net!' }),
      '"my net!" is not a valid network name: use letters, digits, "_", "." and "-", starting with a letter or digit.',
    ],
    [
      'overlay without a swarm',
      network({ driver: 'overlay' }),
      'Overlay networks need the engine to be part of a swarm (docker swarm init); this engine is not.',
    ],
    ['a bad MTU', network({ bridge: { mtu: 20 } }), 'The MTU must be a whole number from 68 to 65535.'],
    [
      'a bad macvlan mode',
      network({ driver: 'macvlan', mode: 'weird' }),
      'The macvlan mode must be one of bridge, vepa, private, passthru.',
    ],
  ])('refuses %s, saying why', (_name, spec, message) => {
    expect(messages(validateNetwork(spec, topology, false))).toContain(message);
  });
});

describe('validateConnect', () => {
  it.each([
    ['an address outside the subnet', { ipv4: '10.9.9.9' }, "10.9.9.9 is not inside localnet's subnet 172.20.0.0/16."],
    ['the gateway', { ipv4: '172.20.0.1' }, '172.20.0.1 is the gateway of localnet: pick another address.'],
    ['an address in use', { ipv4: '172.20.0.2' }, '172.20.0.2 is already used by c1 on localnet.'],
    [
      'a bad alias',
      { aliases: ['no good'] },
      '"no good" is not a valid alias: use letters, digits, "_", "." and "-", starting with a letter or digit.',
    ],
  ])('refuses %s', (_name, extra, message) => {
    expect(messages(validateConnect({ container: 'loner', network: 'localnet', ...extra }, topology))).toEqual([message]);
  });

  it('knows a gateway Docker chose itself, from the endpoints on the network', () => {
    const auto = networkJson('auto', { IPAM: { Config: [{ Subnet: '10.7.0.0/24' }] } });
    const member = containerJson('member', 'auto', { auto: endpointJson(auto, '10.7.0.2', { Gateway: '10.7.0.1' }) });
    const withAuto = buildTopology(facts([auto], [member, loner]), 1, 'now');
    expect(messages(validateConnect({ container: 'loner', network: 'auto', ipv4: '10.7.0.1' }, withAuto))).toEqual([
      '10.7.0.1 is the gateway of auto: pick another address.',
    ]);
  });

  it('says when the container may not be connected: already there, or its network mode', () => {
    const hosty = buildTopology(facts([LOCALNET], [containerJson('hosty', 'host', {})]), 1, 'now');
    expect(messages(validateConnect({ container: 'hosty', network: 'localnet' }, hosty))).toEqual([
      'hosty runs with --network host: Docker connects it to no network.',
    ]);
    expect(messages(validateConnect({ container: 'c1', network: 'localnet' }, topology))).toEqual([
      'c1 is already on localnet: nothing to do.',
    ]);
  });

  it('accepts a free address inside the subnet', () => {
    expect(validateConnect({ container: 'loner', network: 'localnet', ipv4: '172.20.0.77', aliases: ['www'] }, topology)).toEqual([]);
  });
});

describe('validateRun and the docker run command', () => {
  const run = (overrides: Partial<RunSpec>): RunSpec => ({
    image: 'busybox',
    networkMode: { kind: 'network', network: 'localnet' },
    ...overrides,
  });

  it('refuses ports and aliases where the container has no network of its own', () => {
    const problems = messages(
      validateRun(
        run({ networkMode: { kind: 'host' }, ports: [{ hostPort: 80, containerPort: 80, protocol: 'tcp' }], aliases: ['x'] }),
        topology,
      ),
    );
    expect(problems).toContain('With --network host the container listens on the host’s ports directly: nothing to publish.');
    expect(problems).toContain('Aliases are names on a network: they need --network <a user-defined network>.');
  });

  it('refuses a reference that is no image name, and a taken name; an image id is fine', () => {
    expect(messages(validateRun(run({ image: 'Nginx:latest', name: 'c1' }), topology))).toEqual([
      '"Nginx:latest" is not an image reference: names are lowercase letters and digits, parts separated by / and joined by . _ or - (e.g. nginx, nginx:1.27, registry.example:5000/team/app:2)',
      'A container named "c1" already exists.',
    ]);
    expect(messages(validateRun(run({ image: `sha256:${'ab'.repeat(32)}` }), topology))).toEqual([]);
  });

  it('takes --add-host entries as NAME:ADDRESS and refuses anything else', () => {
    expect(messages(validateRun(run({ extraHosts: ['db.local:10.0.0.5', 'gw:host-gateway', 'v6:fd00::1'] }), topology))).toEqual([]);
    expect(messages(validateRun(run({ extraHosts: ['db.local', 'x:notanip'] }), topology))).toEqual([
      '"db.local" is not NAME:ADDRESS (for example db.local:10.0.0.5).',
      '"x:notanip" is not NAME:ADDRESS (for example db.local:10.0.0.5).',
    ]);
  });

  it('parses port mappings and says which one is wrong', () => {
    expect(parsePorts('5050:80, 127.0.0.1:53:53/udp')).toEqual([
      { hostPort: 5050, containerPort: 80, protocol: 'tcp' },
      { hostIp: '127.0.0.1', hostPort: 53, containerPort: 53, protocol: 'udp' },
    ]);
    expect(parsePorts('5050')).toEqual({
      problem: '"5050" is not a port mapping: write HOST:CONTAINER, for example 5050:80 or 127.0.0.1:5050:80/tcp.',
    });
  });

  it('splits a command line with quotes', () => {
    expect(splitCommand(`httpd -f -p 80 -h '/www root' ""`)).toEqual(['httpd', '-f', '-p', '80', '-h', '/www root', '']);
  });

  it('writes the equivalent docker run command, quoted for a shell', () => {
    const spec = run({
      name: 'web',
      ports: [{ hostPort: 5050, containerPort: 80, protocol: 'tcp' }],
      aliases: ['www'],
      dns: ['10.0.0.53'],
      dnsSearch: ['example.test'],
      labels: { team: 'a b' },
      command: ['httpd', '-f', '-h', '/www root'],
    });
    expect(dockerRunCommand(spec)).toBe(
      "docker run -d --name web --network localnet --network-alias www -p 5050:80 --dns 10.0.0.53 --dns-search example.test --label 'team=a b' busybox httpd -f -h '/www root'",
    );
    expect(dockerRunCommand(run({ networkMode: { kind: 'container', container: 'c1' } }))).toBe(
      'docker run -d --network container:c1 busybox',
    );
  });
});

describe('explainDockerError', () => {
  it('explains the refusals people meet', () => {
    expect(explainDockerError('Error response from daemon: Pool overlaps with other one on this address space')).toMatch(
      /overlaps one Docker already uses/,
    );
    expect(
      explainDockerError('container sharing network namespace with another container or host cannot be connected to any other network'),
    ).toMatch(/no interfaces of its own/);
    expect(explainDockerError('something new')).toBe('Docker refused the request.');
  });
});
