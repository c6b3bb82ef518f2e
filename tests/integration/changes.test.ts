/**
 * Changing the wiring through the backend, against the real engine. Each bad
 * input gets its exact message, and leaves nothing behind (checked with the
 * docker CLI); each good change is checked with docker inspect.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createBackend } from '../../backend/backend';
import { containerNamed, networkNamed, waitForTopology } from './backendHarness';
import { cleanup, createNetwork, docker, inspectJson, runContainer, TEST_IMAGE } from '../support/docker';

let backend: Backend;
const labels = { 'dockwire.test': '1' };
const networks = () => docker('network', 'ls', '--format', '{{.Name}}').split('\n').sort();
const containers = () => docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).sort();
const networksOf = (name: string) =>
  Object.keys(inspectJson<{ NetworkSettings: { Networks: object } }>('container', name).NetworkSettings.Networks).sort();

/** Runs a change that must fail, and checks its message and that the engine is as it was. */
async function refusedWith(change: () => Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  const before = { networks: networks(), containers: containers() };
  const error = await change().then(
    () => null,
    (e: unknown) => e as { code: string; message: string; details?: { dockerMessage?: string } },
  );
  expect(error, 'the change should have been refused').not.toBeNull();
  expect(error!.code).toBe(code);
  if (typeof message === 'string') expect(error!.message).toBe(message);
  else expect(error!.message).toMatch(message);
  expect({ networks: networks(), containers: containers() }).toEqual(before);
}

beforeAll(async () => {
  cleanup();
  createNetwork('dw-ch-net', '10.237.0.0/24');
  runContainer('dw-ch-1', ['--network', 'dw-ch-net']);
  runContainer('dw-ch-hosty', ['--network', 'host']);
  // On the default bridge only: free to be connected to the networks of this test.
  runContainer('dw-ch-free', []);
  backend = createBackend({ env: { ...process.env, DOCKWIRE_HELPER: 'off' } });
  await waitForTopology(backend, (t) => Boolean(containerNamed(t, 'dw-ch-hosty') && containerNamed(t, 'dw-ch-free')));
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

/** Waits until the backend has seen a change made through it. */
const seen = (predicate: Parameters<typeof waitForTopology>[1]) => waitForTopology(backend, predicate, 3000);

describe('networks', () => {
  it('creates a bridge network with subnet, gateway, range, bridge options and labels', async () => {
    await backend.handlers.createNetwork({
      name: 'dw-ch-new',
      driver: 'bridge',
      ipv4: { subnet: '10.238.0.0/24', gateway: '10.238.0.254', ipRange: '10.238.0.128/25' },
      internal: true,
      bridge: { name: 'dw-ch-br0', icc: false, mtu: 1400 },
      labels,
    });
    const truth = inspectJson<{ Internal: boolean; IPAM: { Config: object[] }; Options: Record<string, string> }>('network', 'dw-ch-new');
    expect(truth.Internal).toBe(true);
    expect(truth.IPAM.Config).toEqual([{ Subnet: '10.238.0.0/24', Gateway: '10.238.0.254', IPRange: '10.238.0.128/25' }]);
    expect(truth.Options).toMatchObject({
      'com.docker.network.bridge.name': 'dw-ch-br0',
      'com.docker.network.bridge.enable_icc': 'false',
      'com.docker.network.driver.mtu': '1400',
    });
    await seen((t) => Boolean(networkNamed(t, 'dw-ch-new')));
  });

  it('creates macvlan and ipvlan networks on a parent interface, and shows them with their parent', async () => {
    // This kernel has no dummy links: a veth end serves as the parent interface.
    execFileSync('ip', ['link', 'add', 'dwmvA', 'type', 'veth', 'peer', 'name', 'dwmvB']);
    try {
      await backend.handlers.createNetwork({
        name: 'dw-ch-mac',
        driver: 'macvlan',
        ipv4: { subnet: '10.212.0.0/24' },
        parent: 'dwmvA',
        mode: 'bridge',
        labels,
      });
      await backend.handlers.createNetwork({
        name: 'dw-ch-ipv',
        driver: 'ipvlan',
        ipv4: { subnet: '10.211.0.0/24' },
        parent: 'dwmvB',
        mode: 'l2',
        labels,
      });
      expect(inspectJson<{ Driver: string; Options: Record<string, string> }>('network', 'dw-ch-mac')).toMatchObject({
        Driver: 'macvlan',
        Options: { parent: 'dwmvA', macvlan_mode: 'bridge' },
      });
      expect(inspectJson<{ Driver: string; Options: Record<string, string> }>('network', 'dw-ch-ipv')).toMatchObject({
        Driver: 'ipvlan',
        Options: { parent: 'dwmvB', ipvlan_mode: 'l2' },
      });
      runContainer('dw-ch-onmac', ['--network', 'dw-ch-mac']);
      const topology = await seen((t) => Boolean(containerNamed(t, 'dw-ch-onmac')) && Boolean(networkNamed(t, 'dw-ch-ipv')));
      expect(networkNamed(topology, 'dw-ch-mac')).toMatchObject({ driver: 'macvlan', parent: 'dwmvA', bridge: null, dns: true });
      expect(containerNamed(topology, 'dw-ch-onmac')!.endpoints[0]).toMatchObject({
        networkName: 'dw-ch-mac',
        ipv4: expect.stringMatching(/^10\.212\.0\.\d+\/24$/),
      });
    } finally {
      docker('rm', '-f', 'dw-ch-onmac');
      for (const name of ['dw-ch-mac', 'dw-ch-ipv']) docker('network', 'rm', name);
      execFileSync('ip', ['link', 'del', 'dwmvA']);
    }
  });

  it('refuses an invalid CIDR', () =>
    refusedWith(
      () => backend.handlers.createNetwork({ name: 'dw-ch-bad', driver: 'bridge', ipv4: { subnet: '10.239.0.0/40' }, labels }),
      'invalid',
      '"10.239.0.0/40" is not a valid IPv4 subnet: write it as a.b.c.d/len, for example 172.20.0.0/16.',
    ));

  it('refuses a gateway outside the subnet', () =>
    refusedWith(
      () =>
        backend.handlers.createNetwork({
          name: 'dw-ch-bad',
          driver: 'bridge',
          ipv4: { subnet: '10.239.0.0/24', gateway: '10.240.0.1' },
          labels,
        }),
      'invalid',
      'The gateway 10.240.0.1 is outside the subnet 10.239.0.0/24.',
    ));

  it('refuses an overlapping subnet, naming the network it overlaps', () =>
    refusedWith(
      () => backend.handlers.createNetwork({ name: 'dw-ch-bad', driver: 'bridge', ipv4: { subnet: '10.237.0.128/25' }, labels }),
      'invalid',
      '10.237.0.128/25 overlaps 10.237.0.0/24, the subnet of network "dw-ch-net". Pick a range no other network uses.',
    ));

  it('refuses a duplicate name', () =>
    refusedWith(
      () => backend.handlers.createNetwork({ name: 'dw-ch-net', driver: 'bridge', labels }),
      'invalid',
      'A network named "dw-ch-net" already exists.',
    ));

  it('refuses a name with characters Docker rejects', () =>
    refusedWith(
      () => backend.handlers.createNetwork({ name: 'dw ch/bad', driver: 'bridge', labels }),
      'invalid',
      '"dw ch/bad" is not a valid network name: use letters, digits, "_", "." and "-", starting with a letter or digit.',
    ));

  it('refuses removing a network in use, naming its containers', () =>
    refusedWith(
      () => backend.handlers.removeNetwork({ network: 'dw-ch-net' }),
      'invalid',
      'dw-ch-net is in use by dw-ch-1: disconnect it first.',
    ));

  it('refuses removing Docker’s own networks', () =>
    refusedWith(
      () => backend.handlers.removeNetwork({ network: 'bridge' }),
      'invalid',
      'bridge is one of Docker’s own networks (bridge, host, none): it cannot be removed.',
    ));

  it('removes a network in use when asked to disconnect its containers first', async () => {
    createNetwork('dw-ch-gone', '10.239.0.0/24');
    runContainer('dw-ch-2', ['--network', 'dw-ch-gone']);
    await seen((t) => Boolean(containerNamed(t, 'dw-ch-2')));
    expect(await backend.handlers.removeNetwork({ network: 'dw-ch-gone', disconnect: ['dw-ch-2'] })).toEqual({ disconnected: ['dw-ch-2'] });
    expect(networks()).not.toContain('dw-ch-gone');
    expect(networksOf('dw-ch-2')).toEqual([]);
  });

  // The dialog said "Disconnect 1 and remove"; meanwhile another container joined. It must not be disconnected unseen.
  it('refuses, naming who joined, when more are on the network than the user confirmed; nothing is disconnected', async () => {
    createNetwork('dw-ch-busy', '10.229.0.0/24');
    runContainer('dw-ch-seen', ['--network', 'dw-ch-busy']);
    await seen((t) => Boolean(containerNamed(t, 'dw-ch-seen')));
    const seenId = inspectJson<{ Id: string }>('container', 'dw-ch-seen').Id;
    runContainer('dw-ch-late', ['--network', 'dw-ch-busy']);
    await refusedWith(
      () => backend.handlers.removeNetwork({ network: 'dw-ch-busy', disconnect: [seenId] }),
      'invalid',
      'dw-ch-late joined dw-ch-busy since it was looked at: nothing was disconnected. Look at the network again, then remove it.',
    );
    expect(networks()).toContain('dw-ch-busy');
    expect(networksOf('dw-ch-seen')).toEqual(['dw-ch-busy']);
    expect(networksOf('dw-ch-late')).toEqual(['dw-ch-busy']);
  });
});

describe('attachments', () => {
  it('connects with a static address and aliases', async () => {
    await backend.handlers.connect({ container: 'dw-ch-1', network: 'dw-ch-new', ipv4: '10.238.0.200', aliases: ['api'] });
    const endpoint = inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string; Aliases: string[] }> } }>(
      'container',
      'dw-ch-1',
    ).NetworkSettings.Networks['dw-ch-new']!;
    expect(endpoint.IPAddress).toBe('10.238.0.200');
    expect(endpoint.Aliases).toContain('api');
    await seen((t) => containerNamed(t, 'dw-ch-1')!.endpoints.length === 2);
  });

  it('says so, and does nothing, when the container is already on the network', () =>
    refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-1', network: 'dw-ch-new' }),
      'no-change',
      'dw-ch-1 is already on dw-ch-new: nothing to do.',
    ));

  it('refuses a static address outside the subnet', () =>
    refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-free', network: 'dw-ch-net', ipv4: '10.99.0.5' }),
      'invalid',
      "10.99.0.5 is not inside dw-ch-net's subnet 10.237.0.0/24.",
    ));

  it('refuses a static address already in use', async () => {
    const used = containerNamed(await backend.handlers.getTopology({}), 'dw-ch-1')!
      .endpoints.find((e) => e.networkName === 'dw-ch-net')!
      .ipv4!.split('/')[0]!;
    await refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-free', network: 'dw-ch-net', ipv4: used }),
      'invalid',
      `${used} is already used by dw-ch-1 on dw-ch-net.`,
    );
  });

  // Asked before Docker (common/rules.ts, the rule the menus, the drop and the dialog ask too), in the same words.
  it('refuses connecting a host-mode container, saying why, before Docker is asked', () =>
    refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-hosty', network: 'dw-ch-net' }),
      'invalid',
      'dw-ch-hosty runs with --network host: Docker connects it to no network.',
    ));

  it('refuses connecting --network none and container:<x> containers, saying why, before Docker is asked', async () => {
    runContainer('dw-ch-none', ['--network', 'none']);
    runContainer('dw-ch-shared', ['--network', 'container:dw-ch-1']);
    await seen((t) => Boolean(containerNamed(t, 'dw-ch-shared')));
    await refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-none', network: 'dw-ch-net' }),
      'invalid',
      'dw-ch-none runs with --network none: Docker connects it to no network.',
    );
    await refusedWith(
      () => backend.handlers.connect({ container: 'dw-ch-shared', network: 'dw-ch-net' }),
      'invalid',
      'dw-ch-shared shares another container’s namespace: Docker connects it to no network.',
    );
  });

  it('disconnects', async () => {
    await backend.handlers.disconnect({ container: 'dw-ch-1', network: 'dw-ch-new' });
    expect(networksOf('dw-ch-1')).toEqual(['dw-ch-net']);
  });
});

describe('running containers', () => {
  it.each([
    ['a network', { kind: 'network' as const, network: 'dw-ch-net' }, 'dw-ch-net'],
    ['host', { kind: 'host' as const }, 'host'],
    ['none', { kind: 'none' as const }, 'none'],
    ['container:', { kind: 'container' as const, container: 'dw-ch-1' }, 'container'],
  ])('runs a container in %s mode', async (_name, networkMode, expected) => {
    const name = `dw-ch-run-${expected}`;
    const result = await backend.handlers.runContainer({ image: TEST_IMAGE, name, networkMode, labels });
    expect(result.name).toBe(name);
    const truth = inspectJson<{ State: { Running: boolean }; HostConfig: { NetworkMode: string } }>('container', name);
    expect(truth.State.Running).toBe(true);
    expect(truth.HostConfig.NetworkMode.split(':')[0]).toBe(expected === 'dw-ch-net' ? 'dw-ch-net' : expected);
    const topology = await seen((t) => containerNamed(t, name)?.state === 'running');
    expect(containerNamed(topology, name)!.networkMode).toBe(expected);
  });

  it('publishes ports, sets DNS, search domains, extra hosts and aliases, and returns the docker run command', async () => {
    const result = await backend.handlers.runContainer({
      image: TEST_IMAGE,
      name: 'dw-ch-web',
      command: ['httpd', '-f', '-p', '80', '-h', '/www'],
      networkMode: { kind: 'network', network: 'dw-ch-net' },
      ports: [{ hostIp: '127.0.0.1', hostPort: 45052, containerPort: 80, protocol: 'tcp' }],
      dns: ['10.237.0.53'],
      dnsSearch: ['corp.example'],
      extraHosts: ['db.local:10.237.0.9'],
      aliases: ['www'],
      labels,
    });
    expect(result.command).toBe(
      `docker run -d --name dw-ch-web --network dw-ch-net --network-alias www -p 127.0.0.1:45052:80 --dns 10.237.0.53 --dns-search corp.example --add-host db.local:10.237.0.9 --label dockwire.test=1 ${TEST_IMAGE} httpd -f -p 80 -h /www`,
    );
    // What the dialog asked for shows up on the container it made: in its /etc/hosts, and in the Topology.
    expect(docker('exec', 'dw-ch-web', 'cat', '/etc/hosts')).toMatch(/10\.237\.0\.9\s+db\.local/);
    // (This backend runs without the kernel view: resolv.conf itself is compared in resolver.test.ts.)
    const shown = await waitForTopology(backend, (t) => containerNamed(t, 'dw-ch-web')?.state === 'running');
    expect(containerNamed(shown, 'dw-ch-web')!.dns).toMatchObject({
      configured: { servers: ['10.237.0.53'], search: ['corp.example'] },
      extraHosts: ['db.local:10.237.0.9'],
      unread: 'the kernel view is off',
    });
    expect(docker('port', 'dw-ch-web')).toBe('80/tcp -> 127.0.0.1:45052');
    expect(await (await fetch('http://127.0.0.1:45052/')).text()).toContain('hello from dockwire-test');
  });

  it('removes a container that cannot start (its port is taken), leaving nothing behind', async () => {
    await refusedWith(
      () =>
        backend.handlers.runContainer({
          image: TEST_IMAGE,
          name: 'dw-ch-clash',
          networkMode: { kind: 'network', network: 'dw-ch-net' },
          ports: [{ hostIp: '127.0.0.1', hostPort: 45052, containerPort: 80, protocol: 'tcp' }],
          labels,
        }),
      'docker-refused',
      'Another container or program already uses that port on the host: publish a different host port.',
    );
  });

  it('refuses a container name Docker rejects', () =>
    refusedWith(
      () => backend.handlers.runContainer({ image: TEST_IMAGE, name: 'no/slashes', networkMode: { kind: 'none' }, labels }),
      'invalid',
      '"no/slashes" is not a valid container name: use letters, digits, "_", "." and "-", starting with a letter or digit.',
    ));

  it('stops, starts, restarts and removes', async () => {
    const state = () => inspectJson<{ State: { Status: string } }>('container', 'dw-ch-run-none').State.Status;
    await backend.handlers.containerAction({ container: 'dw-ch-run-none', action: 'stop', timeoutSeconds: 0 });
    expect(state()).toBe('exited');
    await backend.handlers.containerAction({ container: 'dw-ch-run-none', action: 'start' });
    expect(state()).toBe('running');
    await backend.handlers.containerAction({ container: 'dw-ch-run-none', action: 'restart', timeoutSeconds: 0 });
    expect(state()).toBe('running');
    await backend.handlers.containerAction({ container: 'dw-ch-run-none', action: 'remove' });
    expect(containers()).not.toContain('dw-ch-run-none');
  });

  // Remove once killed outright (SIGKILL, no grace): a process that cleans up on SIGTERM never got to.
  it('removes a running container by stopping it with SIGTERM first, as docker stop does', async () => {
    runContainer('dw-ch-graceful', ['--network', 'dw-ch-net'], ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']);
    await seen((t) => containerNamed(t, 'dw-ch-graceful')?.state === 'running');
    const since = docker('system', 'info', '--format', '{{.SystemTime}}');
    await backend.handlers.containerAction({ container: 'dw-ch-graceful', action: 'remove' });
    expect(containers()).not.toContain('dw-ch-graceful');
    const events = docker(
      'events',
      '--since',
      since,
      '--until',
      docker('system', 'info', '--format', '{{.SystemTime}}'),
      '--filter',
      'container=dw-ch-graceful',
      '--format',
      '{{.Action}} {{index .Actor.Attributes "signal"}} {{index .Actor.Attributes "exitCode"}}',
    ).split('\n');
    expect(events).toContain('kill 15 ');
    expect(events).not.toContainEqual(expect.stringMatching(/^kill 9/));
    expect(events).toContain('die  0');
  });

  it('lists local images for the run dialog, without Dockwire’s helper', async () => {
    const images = await backend.handlers.listImages({});
    expect(images.flatMap((i) => i.tags)).toContain(TEST_IMAGE);
    expect(images.flatMap((i) => i.tags).some((t) => t.startsWith('dockwire-helper:'))).toBe(false);
  });
});
