/** The `dockwire` command's changes, as a script would use them: exit codes, --json, messages. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../support/docker';

const CLI = new URL('../../bin/dockwire.js', import.meta.url).pathname;
function dockwire(...args: string[]) {
  if (!existsSync(new URL('../../dist/backend/cli.cjs', import.meta.url))) throw new Error('dist/ is not built: run npm run build');
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

beforeAll(() => {
  cleanup();
  createNetwork('dw-cli-a', '10.248.0.0/24');
  runContainer('dw-cli-1', []);
});
afterAll(cleanup);

describe('dockwire CLI changes', () => {
  it('network create, with docker network create’s flags', () => {
    const result = dockwire(
      'network',
      'create',
      'dw-cli-b',
      '--subnet',
      '10.249.0.0/24',
      '--gateway',
      '10.249.0.254',
      '--internal',
      '-o',
      'com.docker.network.bridge.name=dwcli0',
      '--label',
      'dockwire.test=1',
      '--json',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, result: { name: 'dw-cli-b' } });
    const truth = inspectJson<{ Internal: boolean; Options: Record<string, string>; IPAM: { Config: object[] } }>('network', 'dw-cli-b');
    expect(truth).toMatchObject({
      Internal: true,
      Options: { 'com.docker.network.bridge.name': 'dwcli0' },
      IPAM: { Config: [{ Subnet: '10.249.0.0/24', Gateway: '10.249.0.254' }] },
    });
  });

  it('connect with --ip and --alias, then disconnect', () => {
    expect(dockwire('connect', 'dw-cli-1', 'dw-cli-a', '--ip', '10.248.0.10', '--alias', 'one')).toMatchObject({
      code: 0,
      stdout: 'Connected dw-cli-1 to dw-cli-a.',
    });
    expect(
      inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'dw-cli-1').NetworkSettings
        .Networks['dw-cli-a']!.IPAddress,
    ).toBe('10.248.0.10');
    expect(dockwire('disconnect', 'dw-cli-1', 'dw-cli-a')).toMatchObject({ code: 0, stdout: 'Disconnected dw-cli-1 from dw-cli-a.' });
  });

  it('exits 1 with the reason when a change is refused, and --json carries it', () => {
    const refused = dockwire('connect', 'dw-cli-1', 'dw-cli-a', '--ip', '10.1.1.1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("dockwire: 10.1.1.1 is not inside dw-cli-a's subnet 10.248.0.0/24.");
    const json = dockwire('network', 'rm', 'bridge', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'bridge is one of Docker’s own networks (bridge, host, none): it cannot be removed.',
        details: {
          problems: [{ field: 'network', message: 'bridge is one of Docker’s own networks (bridge, host, none): it cannot be removed.' }],
        },
      },
    });
  });

  it('exits 2 with the usage on a malformed command', () => {
    const result = dockwire('connect', 'only-one');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage:');
  });

  it('test: exit 1 with the diagnosis and the fix, exit 0 once every step passes', () => {
    docker('network', 'create', '--label', 'dockwire.test=1', '--subnet', '10.225.0.0/24', 'dw-cli-c');
    runContainer('dw-cli-2', ['--network', 'dw-cli-c']);
    const failing = dockwire('test', 'dw-cli-1', 'dw-cli-2');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('why: dw-cli-1 is on bridge; dw-cli-2 is on dw-cli-c: they share no network');
    expect(failing.stdout).toContain('fix: Connect dw-cli-1 to dw-cli-c:  dockwire connect dw-cli-1 dw-cli-c');
    docker('network', 'connect', 'dw-cli-c', 'dw-cli-1');
    const passing = dockwire('test', 'dw-cli-1', 'dw-cli-2', '--json');
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout)).toMatchObject({
      ok: true,
      result: { ok: true, via: 'helper', steps: [{ name: 'dns', status: 'pass' }, { name: 'route' }, { name: 'ping', status: 'pass' }] },
    });
  });

  it('wire and unwire a --network none container, naming each step', () => {
    runContainer('dw-cli-none', ['--network', 'none']);
    const wired = dockwire('wire', 'dw-cli-none', 'dw-cli-a', '--ip', '10.248.0.77/24', '--host-ifname', 'dwcli7');
    expect(wired.code).toBe(0);
    expect(wired.stdout).toContain('ok    ip link add dwcli7 type veth peer name B');
    expect(wired.stdout).toMatch(/ok {4}nsenter -t \d+ -n ip route add default via 10\.248\.0\.1/);
    expect(wired.stdout).toContain('Wired dw-cli-none: dwcli7 on br-');
    const taken = dockwire('wire', 'dw-cli-none', 'dw-cli-a', '--host-ifname', 'dwcli7', '--json');
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stdout).error.message).toBe('The host already has an interface named dwcli7.');
    expect(dockwire('unwire', 'dw-cli-none', 'eth0')).toMatchObject({ code: 0, stdout: 'Unwired dw-cli-none: deleted dwcli7 <-> eth0.' });
  });

  it('network rm --disconnect removes a network in use', () => {
    docker('network', 'connect', 'dw-cli-b', 'dw-cli-1');
    expect(dockwire('network', 'rm', 'dw-cli-b')).toMatchObject({
      code: 1,
      stderr: 'dockwire: dw-cli-b is in use by dw-cli-1: disconnect it first.',
    });
    expect(dockwire('network', 'rm', 'dw-cli-b', '--disconnect')).toMatchObject({
      code: 0,
      stdout: 'Removed network dw-cli-b (disconnected dw-cli-1 first).',
    });
  });
});

// As the Docker CLI does: `dockwire topology --help` once answered "Unknown option '--help'".
describe('dockwire COMMAND --help', () => {
  it.each([
    ['topology', 'dockwire topology [--format'],
    ['diff', 'dockwire diff OLD.json'],
    ['pull', 'dockwire pull <image>'],
    ['capture', 'dockwire capture <container>'],
    ['serve', 'dockwire serve [--port N]'],
    ['connect', 'dockwire connect <container> <network>'],
    ['disconnect', 'dockwire disconnect <container> <network>'],
    ['network', 'dockwire network create <name>'],
    ['network create', 'dockwire network create <name>'],
    ['network rm', 'dockwire network rm <network>'],
    ['wire', 'dockwire wire <container> <network>'],
    ['unwire', 'dockwire unwire <container> <ifname>'],
    ['test', 'dockwire test <from> <target>'],
    ['test host', 'dockwire test host <IP:PORT'],
  ])('%s answers --help and -h with its usage, exit 0, touching no engine', (command, usage) => {
    for (const flag of ['--help', '-h']) {
      const result = dockwire(...command.split(' '), flag);
      expect(result.code, `${command} ${flag}`).toBe(0);
      expect(result.stdout).toContain(usage);
    }
  });

  it('a command that does not exist is a usage error (exit 2), help or not', () => {
    expect(dockwire('bogus', '--help').code).toBe(2);
  });
});
