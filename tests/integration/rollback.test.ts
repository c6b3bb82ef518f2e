/**
 * Removing a network in use, when the removal fails after its containers were
 * disconnected: each is put back exactly as it was, running or not. The
 * failure is a real one: another container joins the network between the
 * disconnects and the removal, so Docker refuses ("active endpoints").
 */
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { removeNetwork } from '../../backend/changes/networks';
import { DockwireError } from '../../common/errors';
import { cleanup, createNetwork, docker, inspectJson, runContainer, TEST_IMAGE, TEST_LABEL } from '../support/docker';
import { startBackend, waitForTopology } from './backendHarness';

type Networking = Record<
  string,
  {
    IPAMConfig: { IPv4Address?: string; IPv6Address?: string } | null;
    Aliases: string[] | null;
    IPAddress: string;
    GlobalIPv6Address: string;
    MacAddress: string;
  }
>;
const NET = 'dw-rb-net';
let backend: Backend;

/** What a person would compare: per container, on NET, its static config, aliases, address when static, MAC when static, and its state. */
function snapshot(name: string) {
  const json = inspectJson<{ Id: string; State: { Running: boolean }; NetworkSettings: { Networks: Networking } }>('container', name);
  const on = json.NetworkSettings.Networks[NET];
  if (!on) return { running: json.State.Running, on: false };
  const [v4, v6] = [on.IPAMConfig?.IPv4Address ?? null, on.IPAMConfig?.IPv6Address ?? null];
  const running = json.State.Running;
  return {
    running,
    on: true,
    ipamConfig: { v4, v6 },
    aliases: (on.Aliases ?? []).filter((alias) => !json.Id.startsWith(alias)).sort(),
    // The addresses that were static must be the same; a dynamic one is Docker's to choose again.
    ...(v4 && running ? { ipv4: on.IPAddress, mac: on.MacAddress } : {}),
    ...(v6 && running ? { ipv6: on.GlobalIPv6Address } : {}),
  };
}

const names = ['dw-rb-static', 'dw-rb-dynamic', 'dw-rb-v6', 'dw-rb-stopped'];

beforeAll(async () => {
  cleanup();
  createNetwork(NET, '10.236.0.0/24', '--ipv6', '--subnet', 'fd00:236::/64');
  runContainer('dw-rb-static', ['--network', NET, '--ip', '10.236.0.50', '--network-alias', 'api', '--network-alias', 'api-v1']);
  runContainer('dw-rb-dynamic', ['--network', NET, '--network-alias', 'worker']);
  runContainer('dw-rb-v6', ['--network', NET, '--ip6', 'fd00:236::66']);
  docker('create', '--label', TEST_LABEL, '--name', 'dw-rb-stopped', '--network', NET, '--ip', '10.236.0.60', TEST_IMAGE);
  runContainer('dw-rb-intruder', []);
  backend = startBackend();
});

afterAll(async () => {
  await backend?.stop();
  cleanup();
});

describe('a network removal that fails after the disconnects', () => {
  it('puts every container back as it was: static addresses, IPv6, aliases, running or not', async () => {
    const before = Object.fromEntries(names.map((name) => [name, snapshot(name)]));
    expect(before['dw-rb-stopped']).toMatchObject({ running: false, on: true });
    const topology = await waitForTopology(backend, (t) => names.every((name) => t.containers.some((c) => c.name === name)));
    const engine = new Docker({ socketPath: process.env.DOCKER_HOST!.replace('unix://', '') });
    const failure = await removeNetwork(
      engine,
      topology,
      { network: NET, disconnect: names },
      {
        afterDisconnects: async () => {
          // Every one of them is off the network now, the stopped one included.
          for (const name of names) expect(snapshot(name).on, name).toBe(false);
          docker('network', 'connect', NET, 'dw-rb-intruder');
        },
      },
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DockwireError);
    const error = failure as DockwireError;
    expect(error.code).toBe('docker-refused');
    expect(error.details?.dockerMessage).toMatch(/active endpoints/);
    expect(error.details?.rolledBack).toEqual(
      expect.arrayContaining([
        `reconnected dw-rb-static to ${NET} with its static address 10.236.0.50`,
        `reconnected dw-rb-dynamic to ${NET} (its address was dynamic: Docker assigns one again)`,
        `reconnected dw-rb-v6 to ${NET} with its static address fd00:236::66`,
        `reconnected dw-rb-stopped to ${NET} with its static address 10.236.0.60`,
      ]),
    );
    const after = Object.fromEntries(names.map((name) => [name, snapshot(name)]));
    expect(after).toEqual(before);
    // The dynamic one is still dynamic (not pinned), and the stopped one can still start.
    expect(
      inspectJson<{ NetworkSettings: { Networks: Networking } }>('container', 'dw-rb-dynamic').NetworkSettings.Networks[NET]!.IPAMConfig
        ?.IPv4Address ?? null,
    ).toBeNull();
    docker('start', 'dw-rb-stopped');
    expect(
      inspectJson<{ NetworkSettings: { Networks: Networking } }>('container', 'dw-rb-stopped').NetworkSettings.Networks[NET]!.IPAddress,
    ).toBe('10.236.0.60');
  });

  it('refuses to remove a network with only a stopped container on it unless asked to disconnect it', async () => {
    docker('network', 'disconnect', NET, 'dw-rb-intruder');
    for (const name of ['dw-rb-static', 'dw-rb-dynamic', 'dw-rb-v6']) docker('network', 'disconnect', NET, name);
    docker('stop', '-t', '0', 'dw-rb-stopped');
    const topology = await waitForTopology(backend, (t) => t.containers.find((c) => c.name === 'dw-rb-stopped')?.state === 'exited');
    await expect(backend.handlers.removeNetwork({ network: NET })).rejects.toThrow(
      `${NET} is in use by dw-rb-stopped (exited): disconnect it first.`,
    );
    expect(topology.networks.some((n) => n.name === NET)).toBe(true);
    expect(await backend.handlers.removeNetwork({ network: NET, disconnect: ['dw-rb-stopped'] })).toEqual({
      disconnected: ['dw-rb-stopped'],
    });
    docker('start', 'dw-rb-stopped');
    expect(inspectJson<{ State: { Running: boolean } }>('container', 'dw-rb-stopped').State.Running).toBe(true);
  });
});
