/**
 * Snapshots, diffs and diagrams of a real engine, through the `dockwire` command as a script runs it:
 * what it saves is what Docker says, what it diffs is what the test changed, and `serve --snapshot`
 * shows a file with no engine at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Topology } from '../../common/topology';
import { dockwire } from '../support/cli';
import { cleanup, createNetwork, docker, runContainer } from '../support/docker';
import { startServeProcess } from '../support/serve';

const dir = mkdtempSync(join(tmpdir(), 'dw-snap-'));
const file = (name: string) => join(dir, name);

async function save(name: string): Promise<Topology> {
  const run = await dockwire(['topology', '--json']);
  expect(run.code, run.stderr).toBe(0);
  writeFileSync(file(name), run.stdout);
  return JSON.parse(run.stdout) as Topology;
}

beforeAll(async () => {
  cleanup();
  createNetwork('dw-snap-a', '10.246.0.0/24');
  runContainer('dw-snap-web', ['--network', 'dw-snap-a', '-p', '127.0.0.1:18091:80'], ['httpd', '-f', '-p', '80']);
  runContainer('dw-snap-db', ['--network', 'dw-snap-a']);
  runContainer('dw-snap-cache', ['--network', 'dw-snap-a']);
  await save('before.json');
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('dockwire topology --format', () => {
  it('mermaid and dot name every network and container Docker lists, and Graphviz reads the dot', async () => {
    const networks = docker('network', 'ls', '--filter', 'label=dockwire.test=1', '--format', '{{.Name}}').split('\n');
    const containers = docker('ps', '-a', '--filter', 'label=dockwire.test=1', '--format', '{{.Names}}').split('\n');
    const mermaid = await dockwire(['topology', '--format', 'mermaid']);
    const dot = await dockwire(['topology', '--format', 'dot']);
    expect([mermaid.code, dot.code]).toEqual([0, 0]);
    expect(mermaid.stdout).toMatch(/^flowchart LR\n/);
    for (const name of [...networks, ...containers]) {
      expect(mermaid.stdout).toContain(`"${name}<br/>`);
      expect(dot.stdout).toContain(`label="${name}\\n`);
    }
    const web = docker('inspect', '-f', '{{(index .NetworkSettings.Networks "dw-snap-a").IPAddress}}', 'dw-snap-web');
    expect(mermaid.stdout).toMatch(new RegExp(`---\\|"eth0 ${web.replace(/\./g, '\\.')}/24"\\|`));
    expect(mermaid.stdout).toContain('publishes 127.0.0.1:18091 → 80/tcp');
    const svg = execFileSync('dot', ['-Tsvg'], { input: dot.stdout, encoding: 'utf8' });
    expect(svg).toContain('dw&#45;snap&#45;web');
  });

  it('tree is the default, json is --json: the same output either way', async () => {
    const [tree, plain, json] = await Promise.all([
      dockwire(['topology', '--format', 'tree']),
      dockwire(['topology']),
      dockwire(['topology', '--format', 'json']),
    ]);
    expect(tree.stdout).toBe(plain.stdout);
    expect(tree.stdout).toMatch(/^network dw-snap-a {2}driver=bridge {2}10\.246\.0\.0\/24/m);
    const topology = JSON.parse(json.stdout) as Topology;
    expect(topology.schemaVersion).toBe(1);
    expect(topology.containers.map((c) => c.name)).toEqual(expect.arrayContaining(['dw-snap-web', 'dw-snap-db', 'dw-snap-cache']));
  });

  it('refuses a format it does not know, and --json with another format, with exit 2', async () => {
    expect((await dockwire(['topology', '--format', 'svg'])).code).toBe(2);
    const both = await dockwire(['topology', '--format', 'dot', '--json']);
    expect(both.code).toBe(2);
    expect(both.json.error?.message).toBe('--json prints JSON: it cannot go with --format dot');
  });
});

describe('dockwire diff', () => {
  it('a snapshot against itself, and against the unchanged engine: no changes, exit 0', async () => {
    const same = await dockwire(['diff', file('before.json'), file('before.json')]);
    expect(same.code).toBe(0);
    expect(same.stdout.trim()).toMatch(/No changes\.$/);
    expect((await dockwire(['diff', file('before.json')])).code).toBe(0);
  });

  it('after real changes: every change as a +, - or ~ line, exit 1; --json carries the same', async () => {
    docker('rm', '-f', 'dw-snap-cache');
    runContainer('dw-snap-api', ['--network', 'dw-snap-a']);
    createNetwork('dw-snap-b', '10.245.0.0/24');
    docker('network', 'connect', '--alias', 'database', 'dw-snap-b', 'dw-snap-db');
    docker('stop', '-t', '0', 'dw-snap-web');
    const apiIp = docker('inspect', '-f', '{{(index .NetworkSettings.Networks "dw-snap-a").IPAddress}}', 'dw-snap-api');
    const dbIp = docker('inspect', '-f', '{{(index .NetworkSettings.Networks "dw-snap-b").IPAddress}}', 'dw-snap-db');

    const live = await dockwire(['diff', file('before.json')]);
    expect(live.code).toBe(1);
    const lines = live.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^\+\+\+ the engine at unix:\/\//);
    expect(lines).toContain('+ network dw-snap-b (bridge, 10.245.0.0/24)');
    expect(lines).toContainEqual(
      expect.stringMatching(/^- container dw-snap-cache \(dockwire-test\/busybox:2, running\) on dw-snap-a 10\.246\.0\.\d+\/24$/),
    );
    expect(lines).toContain(`+ container dw-snap-api (dockwire-test/busybox:2, running) on dw-snap-a ${apiIp}/24`);
    expect(lines).toContain(`+ dw-snap-db joined dw-snap-b ${dbIp}/24`);
    expect(lines).toContain('~ container dw-snap-web: state running -> exited');
    // Stopped, it loses its address and its publication.
    expect(lines).toContainEqual(expect.stringMatching(/^~ dw-snap-web on dw-snap-a: ipv4 10\.246\.0\.\d+\/24 -> \(none\)/));
    expect(lines).toContain('- dw-snap-web no longer publishes 127.0.0.1:18091 -> 80/tcp');

    await save('after.json');
    const files = await dockwire(['diff', file('before.json'), file('after.json'), '--json']);
    expect(files.code).toBe(1);
    const result = files.json.result as { equal: boolean; changes: Array<{ sign: string; kind: string; text: string }> };
    expect(result.equal).toBe(false);
    expect(result.changes.map((c) => `${c.sign} ${c.text}`).sort()).toEqual(lines.slice(2, -1).sort());
    expect((await dockwire(['diff', file('after.json')])).code).toBe(0);
  });

  it('exits 2 naming the file and why when it is not a snapshot, missing, or from a newer Dockwire', async () => {
    writeFileSync(file('compose.json'), JSON.stringify({ services: { web: { image: 'nginx' } } }));
    writeFileSync(file('cut.json'), readFileSync(file('before.json'), 'utf8').slice(0, 500));
    const newer = JSON.parse(readFileSync(file('before.json'), 'utf8')) as Topology;
    writeFileSync(file('newer.json'), JSON.stringify({ ...newer, schemaVersion: 9 }));
    const cases: Array<[string, RegExp]> = [
      ['compose.json', /compose\.json is not a Dockwire snapshot: it has no schemaVersion/],
      ['cut.json', /cut\.json is not a Dockwire snapshot: it is not JSON/],
      ['missing.json', /cannot read .*missing\.json: no such file/],
      ['newer.json', /newer\.json was saved by a newer Dockwire \(snapshot schema 9; this one reads schema 1\): update Dockwire/],
    ];
    for (const [name, message] of cases) {
      const run = await dockwire(['diff', file(name), file('before.json')]);
      expect(run.code, name).toBe(2);
      expect(run.stderr).toMatch(message);
      const json = await dockwire(['diff', file('before.json'), file(name), '--json']);
      expect(json.json.error).toMatchObject({ code: 'invalid', message: expect.stringMatching(message) });
    }
  });
});

describe('names from a snapshot file on the terminal', () => {
  // A snapshot is a file anyone can hand you: its names must be shown, never obeyed by the terminal.
  it('a container named with terminal escapes is printed with them visible, raw nowhere', async () => {
    const saved = JSON.parse(readFileSync(file('before.json'), 'utf8')) as Topology;
    const evil = '\x1b]0;owned\x07\x1b[2Jweb\u009b31m\u202e';
    saved.containers[0]!.name = evil;
    writeFileSync(file('escapes.json'), JSON.stringify(saved));
    const run = await dockwire(['diff', file('before.json'), file('escapes.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('\\x1b]0;owned\\x07\\x1b[2Jweb\\x9b31m\\u202e');
    const raw = [...(run.stdout + run.stderr)].filter((c) => c === '\x1b' || c === '\x07' || c === '\u009b' || c === '\u202e');
    expect(raw).toEqual([]);
  });
});

describe('dockwire serve --snapshot', () => {
  it('serves the saved Topology with no engine, refuses changes and tests saying why, and keeps answering', async () => {
    const saved = JSON.parse(readFileSync(file('before.json'), 'utf8')) as Topology;
    // An engine that does not exist: nothing here may need one.
    const server = await startServeProcess(['--snapshot', file('before.json')], {
      ...process.env,
      DOCKER_HOST: 'unix:///nonexistent/docker.sock',
    });
    try {
      expect(server.output()).toContain(`It shows the snapshot ${file('before.json')}, read-only`);
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const replies = new Map<number, { ok: boolean; result?: unknown; error?: { code: string; message: string } }>();
      const call = (id: number, method: string, params: object) =>
        new Promise<void>((resolve) => {
          ws.on('message', (data) => {
            const message = JSON.parse(String(data)) as { id: number; reply: never };
            if (message.id !== id) return;
            replies.set(id, message.reply);
            resolve();
          });
          ws.send(JSON.stringify({ id, method, params }));
        });
      await call(1, 'getTopology', {});
      await call(2, 'getStatus', {});
      await call(3, 'connect', { container: 'dw-snap-db', network: 'bridge' });
      await call(4, 'test', { from: 'dw-snap-db', target: 'dw-snap-web' });
      await call(5, 'getTopology', {});
      expect(replies.get(1)).toEqual({ ok: true, result: saved });
      expect(replies.get(2)).toMatchObject({
        ok: true,
        result: { state: 'snapshot', endpoint: saved.engine.endpoint, source: file('before.json') },
      });
      for (const id of [3, 4]) {
        expect(replies.get(id)).toMatchObject({
          ok: false,
          error: {
            code: 'read-only',
            message: expect.stringMatching(
              /^This is a snapshot \(.*before\.json, taken .*\), not a live engine: nothing can be changed or tested\./,
            ),
          },
        });
      }
      expect(replies.get(5)?.ok).toBe(true);
      ws.close();
    } finally {
      server.stop();
    }
  });

  it('will not start on a file that is not a snapshot: exit 2 and why', () => {
    writeFileSync(file('garbage.json'), '\u0000\u0001 not json');
    const run = (() => {
      try {
        execFileSync(
          process.execPath,
          [new URL('../../bin/dockwire.js', import.meta.url).pathname, 'serve', '--snapshot', file('garbage.json')],
          { encoding: 'utf8', stdio: 'pipe' },
        );
        return { code: 0, stderr: '' };
      } catch (error) {
        const failed = error as { status: number; stderr: string };
        return { code: failed.status, stderr: failed.stderr };
      }
    })();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/garbage\.json is not a Dockwire snapshot: it is not JSON/);
  });
});
