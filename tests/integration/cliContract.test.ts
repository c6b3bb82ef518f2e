/**
 * The CLI's contract with scripts, command by command: success, a refusal, a
 * usage error and an unreachable engine each give the documented exit code,
 * and with --json exactly one JSON document on stdout of the documented shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockwire } from '../support/cli';
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../support/docker';

const unreachable = { ...process.env, DOCKER_HOST: 'unix:///tmp/dockwire-no-engine-here.sock' };

beforeAll(() => {
  cleanup();
  createNetwork('dw-cc-net', '10.247.0.0/24');
  runContainer('dw-cc-1', ['--network', 'dw-cc-net', '--ip', '10.247.0.10']);
  runContainer('dw-cc-2', []);
});
afterAll(cleanup);

// Every command, with: arguments that succeed here, ones that are refused, and a malformed line.
const table: Array<{ command: string; refused: string[]; usage: string[] }> = [
  { command: 'topology', refused: [], usage: ['topology', 'extra'] },
  { command: 'connect', refused: ['connect', 'nobody', 'dw-cc-net'], usage: ['connect', 'dw-cc-2'] },
  { command: 'disconnect', refused: ['disconnect', 'dw-cc-2', 'no-such-net'], usage: ['disconnect'] },
  {
    command: 'network create',
    refused: ['network', 'create', 'dw-cc-bad', '--subnet', '10.247.0.0/25'],
    usage: ['network', 'create', 'dw-cc-x', '--aux-address', 'foo'],
  },
  { command: 'network rm', refused: ['network', 'rm', 'bridge'], usage: ['network', 'rm'] },
  { command: 'test', refused: ['test', 'nobody', 'dw-cc-1'], usage: ['test', 'dw-cc-1', 'dw-cc-2', '--port', '70000'] },
  { command: 'wire', refused: ['wire', 'dw-cc-2', 'no-such-net'], usage: ['wire', 'dw-cc-2'] },
  { command: 'unwire', refused: ['unwire', 'dw-cc-2', 'eth7'], usage: ['unwire', 'dw-cc-2', 'eth0', '--force'] },
];

describe('the CLI contract: exit codes and --json shapes', () => {
  it.each(table.filter((row) => row.refused.length))('$command: a refusal exits 1 with {ok:false,error}', async ({ refused }) => {
    const run = await dockwire([...refused, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.json).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(invalid|conflict|docker-refused)$/), message: expect.any(String) },
    });
  });

  it.each(table)(
    '$command: a malformed command line exits 2 with {ok:false,error:{code:"usage"}}, and plain text without --json',
    async ({ usage }) => {
      const run = await dockwire([...usage, '--json']);
      expect(run.code).toBe(2);
      expect(run.json).toMatchObject({ ok: false, error: { code: 'usage' } });
      const text = await dockwire(usage);
      expect(text.code).toBe(2);
      expect(text.stdout).toBe('');
      expect(text.stderr).toContain('usage:');
    },
  );

  it('every command exits 1 naming the endpoint when the engine is unreachable, within a few seconds', async () => {
    const started = Date.now();
    const runs = await Promise.all(
      table.map((row) =>
        dockwire([...(row.refused.length ? row.refused : ['topology']), '--json'], unreachable).then((run) => ({ row, run })),
      ),
    );
    for (const { row, run } of runs) {
      expect(run.code, row.command).toBe(1);
      expect(run.json, row.command).toMatchObject({
        ok: false,
        error: { code: 'engine-unreachable', message: expect.stringContaining('/tmp/dockwire-no-engine-here.sock') },
      });
    }
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('an unknown command is a usage error, with --json too', async () => {
    expect(await dockwire(['frobnicate', '--json'])).toMatchObject({
      code: 2,
      json: { ok: false, error: { code: 'usage', message: 'unknown command "frobnicate"' } },
    });
  });

  it('topology --json prints the Topology itself (the snapshot document)', async () => {
    const run = await dockwire(['topology', '--json']);
    expect(run.code).toBe(0);
    expect(run.json.schemaVersion).toBe(1);
  });

  it('connect: done, then already so (exit 0, changed false), then another address is a conflict with the way out', async () => {
    expect(await dockwire(['connect', 'dw-cc-2', 'dw-cc-net', '--ip', '10.247.0.20', '--json'])).toMatchObject({
      code: 0,
      json: { ok: true, result: { changed: true } },
    });
    expect(await dockwire(['connect', 'dw-cc-2', 'dw-cc-net', '--json'])).toMatchObject({
      code: 0,
      json: { ok: true, result: { changed: false } },
    });
    expect(await dockwire(['connect', 'dw-cc-2', 'dw-cc-net', '--ip', '10.247.0.20'])).toMatchObject({
      code: 0,
      stdout: 'dw-cc-2 is already on dw-cc-net: nothing to do.\n',
    });
    const other = await dockwire(['connect', 'dw-cc-2', 'dw-cc-net', '--ip', '10.247.0.77', '--json']);
    expect(other.code).toBe(1);
    expect(other.json.error?.code).toBe('conflict');
    expect(other.json.error?.message).toContain('dw-cc-2 is already on dw-cc-net with 10.247.0.20/24');
    expect(other.json.error?.message).toContain(
      'dockwire disconnect dw-cc-2 dw-cc-net && dockwire connect dw-cc-2 dw-cc-net --ip 10.247.0.77',
    );
    const truth = inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'dw-cc-2');
    expect(truth.NetworkSettings.Networks['dw-cc-net']?.IPAddress).toBe('10.247.0.20');
  });

  it('disconnect: done, then already so (exit 0, changed false)', async () => {
    expect(await dockwire(['disconnect', 'dw-cc-2', 'dw-cc-net', '--json'])).toMatchObject({
      code: 0,
      json: { ok: true, result: { changed: true } },
    });
    expect(await dockwire(['disconnect', 'dw-cc-2', 'dw-cc-net', '--json'])).toMatchObject({
      code: 0,
      json: { ok: true, result: { changed: false, message: 'dw-cc-2 is not on dw-cc-net: nothing to do.' } },
    });
  });

  it('network create refuses a malformed --aux-address (exit 2) and creates nothing', async () => {
    const run = await dockwire([
      'network',
      'create',
      'dw-cc-aux',
      '--subnet',
      '10.247.9.0/24',
      '--aux-address',
      'foo',
      '--label',
      'dockwire.test=1',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--aux-address takes KEY=VALUE, not "foo"');
    expect(docker('network', 'ls', '-q', '--filter', 'name=^dw-cc-aux$')).toBe('');
  });

  it('test: a failed step is exit 1 with {ok:false,result:report}; a passing test exit 0', async () => {
    const failing = await dockwire(['test', 'dw-cc-2', 'dw-cc-1', '--json']);
    expect(failing.code).toBe(1);
    expect(failing.json).toMatchObject({ ok: false, result: { ok: false, diagnosis: [{ code: 'no-shared-network' }] } });
    const passing = await dockwire(['test', 'dw-cc-1', '10.247.0.10', '--json']);
    expect(passing).toMatchObject({ code: 0, json: { ok: true, result: { ok: true } } });
  });
});
