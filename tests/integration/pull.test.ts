/**
 * Pulls from real registries on loopback (Debian's docker-registry), as the Run dialog and
 * `dockwire pull` do them: progress that ends at 100%, credentials from a Docker config,
 * and each failure in plain words: a missing tag, wrong credentials, a registry that is not
 * there, a pull cancelled (nothing left behind).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../backend/backend';
import { createBackend } from '../../backend/backend';
import type { PullProgress } from '../../common/pullProgress';
import { dockwire } from '../support/cli';
import { cleanup, docker } from '../support/docker';
import { pushImage, startRegistry, startSlowProxy, type Registry } from '../support/registry';
import { waitForTopology } from './backendHarness';

const AUTH = { user: 'dockwire', password: 'right-password' };
const configDir = mkdtempSync(join(tmpdir(), 'dw-pull-config-'));
const withConfig = (auths: Record<string, unknown>) => {
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths }));
  return { ...process.env, DOCKER_CONFIG: configDir };
};
const basic = (user: string, password: string) => ({ auth: Buffer.from(`${user}:${password}`).toString('base64') });

let open: Registry;
let locked: Registry;
let slow: Registry;
let openRef: string;
let cliRef: string;
let lockedRef: string;
/** Through the slow proxy: an image of its own, so no layer of it is on the engine from another test. */
let slowRef: string;

const hasImage = (ref: string) => {
  try {
    docker('image', 'inspect', ref);
    return true;
  } catch {
    return false;
  }
};
const removeImage = (ref: string) => hasImage(ref) && docker('rmi', '-f', ref);

function backendWith(env: NodeJS.ProcessEnv): { backend: Backend; events: PullProgress[] } {
  const backend = createBackend({ env: { ...env, DOCKWIRE_HELPER: 'off' } });
  const events: PullProgress[] = [];
  backend.on('pullProgress', (progress) => events.push(progress));
  return { backend, events };
}

beforeAll(async () => {
  cleanup();
  open = await startRegistry(5000);
  locked = await startRegistry(5001, AUTH);
  slow = await startSlowProxy(5002, open, 60_000);
  openRef = pushImage(open, 'dockwire-test/busybox:pull', { padBytes: 2 * 1024 * 1024 });
  cliRef = pushImage(open, 'dockwire-test/busybox:cli');
  slowRef = pushImage(open, 'dockwire-test/busybox:slow', { padBytes: 2 * 1024 * 1024 }).replace(open.host, slow.host);
  lockedRef = pushImage(locked, 'dockwire-test/busybox:locked', { auth: AUTH });
}, 120_000);

afterAll(async () => {
  cleanup();
  for (const ref of [openRef, cliRef, lockedRef, slowRef]) if (ref) removeImage(ref);
  await Promise.all([slow?.stop(), open?.stop(), locked?.stop()]);
  rmSync(configDir, { recursive: true, force: true });
});

describe('pulling an image the engine does not have', () => {
  it('pulls it with progress that ends at 100%, then runs a container of it; a second pull finds it there', async () => {
    removeImage(openRef);
    const { backend, events } = backendWith(withConfig({}));
    try {
      const result = await backend.handlers.pullImage({ ref: openRef, pullId: 7 });
      expect(result).toMatchObject({ image: openRef, alreadyPresent: false });
      expect(result.id).toBe(docker('image', 'inspect', '-f', '{{.Id}}', openRef));
      expect(events.length).toBeGreaterThan(1);
      expect(events.every((e) => e.pullId === 7 && e.ref === openRef)).toBe(true);
      expect(events.at(-1)).toMatchObject({ finished: true, percent: 100 });
      expect(events.at(-1)!.layers.length).toBeGreaterThan(0);
      const percents = events.map((e) => e.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));

      const run = await backend.handlers.runContainer({
        image: openRef,
        name: 'dw-pulled',
        networkMode: { kind: 'network', network: 'bridge' },
        labels: { 'dockwire.test': '1' },
      });
      expect(run.name).toBe('dw-pulled');
      await waitForTopology(backend, (t) => t.containers.some((c) => c.name === 'dw-pulled' && c.state === 'running'));

      const again = await backend.handlers.pullImage({ ref: openRef, pullId: 8 });
      expect(again.alreadyPresent).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('passes the credentials of the Docker config to the registry: right ones pull, wrong or none are refused, saying where they were looked up', async () => {
    removeImage(lockedRef);
    for (const auths of [{}, { [locked.host]: basic(AUTH.user, 'wrong-password') }]) {
      const { backend } = backendWith(withConfig(auths));
      try {
        const failure = await backend.handlers.pullImage({ ref: lockedRef, pullId: 1 }).catch((error: unknown) => error);
        expect(failure).toMatchObject({
          code: 'unauthorized',
          message: expect.stringMatching(
            new RegExp(
              `^The registry 127\\.0\\.0\\.1:5001 refused .* "docker login 127\\.0\\.0\\.1:5001"; credentials are looked up in auths in ${configDir}/config\\.json`,
            ),
          ),
        });
      } finally {
        await backend.stop();
      }
      expect(hasImage(lockedRef)).toBe(false);
    }
    const { backend } = backendWith(withConfig({ [locked.host]: basic(AUTH.user, AUTH.password) }));
    try {
      expect(await backend.handlers.pullImage({ ref: lockedRef, pullId: 2 })).toMatchObject({ alreadyPresent: false });
      expect(hasImage(lockedRef)).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('asks a credential helper named in credHelpers, by its protocol, and pulls with what it answers', async () => {
    removeImage(lockedRef);
    // A real program on PATH, as docker-credential-pass or -ecr-login would be: `get`, the server on stdin, JSON out.
    const bin = mkdtempSync(join(tmpdir(), 'dw-cred-'));
    const asked = join(bin, 'asked');
    writeFileSync(
      join(bin, 'docker-credential-dwtest'),
      [
        '#!/bin/sh',
        `read server; echo "$1 $server" >> ${asked}`,
        `[ "$server" = "${locked.host}" ] && echo '{"ServerURL":"${locked.host}","Username":"${AUTH.user}","Secret":"${AUTH.password}"}' && exit 0`,
        'echo "credentials not found in native keychain"; exit 1',
      ].join('\n'),
      { mode: 0o755 },
    );
    writeFileSync(join(configDir, 'config.json'), JSON.stringify({ credHelpers: { [locked.host]: 'dwtest' } }));
    const { backend } = backendWith({ ...process.env, DOCKER_CONFIG: configDir, PATH: `${bin}:${process.env.PATH}` });
    try {
      expect(await backend.handlers.pullImage({ ref: lockedRef, pullId: 5 })).toMatchObject({ alreadyPresent: false });
      expect(readFileSync(asked, 'utf8')).toBe(`get ${locked.host}\n`);
    } finally {
      await backend.stop();
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('a tag the registry does not have: not found, naming repository and tag', async () => {
    const { backend } = backendWith(withConfig({}));
    try {
      const failure = await backend.handlers
        .pullImage({ ref: `${open.host}/dockwire-test/busybox:nope`, pullId: 3 })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({
        code: 'not-found',
        message: `${open.host}/dockwire-test/busybox:nope was not found: the registry ${open.host} has no dockwire-test/busybox:nope. Check the name and the tag.`,
        details: { dockerMessage: expect.stringContaining('manifest unknown') },
      });
    } finally {
      await backend.stop();
    }
  });

  it('a registry that is not there: unreachable, in the engine’s words', async () => {
    const { backend } = backendWith(withConfig({}));
    try {
      const failure = await backend.handlers
        .pullImage({ ref: '127.0.0.1:5009/dockwire-test/busybox:pull', pullId: 4 })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({
        code: 'registry-unreachable',
        message: expect.stringMatching(/^The engine could not reach the registry 127\.0\.0\.1:5009: .*connection refused/),
      });
    } finally {
      await backend.stop();
    }
  });

  it('a pull cancelled midway stops on the engine: no image, and the run that waited for it makes no container', async () => {
    const ref = slowRef;
    removeImage(ref);
    const { backend, events } = backendWith(withConfig({}));
    try {
      const downloading = new Promise<void>((resolve) =>
        backend.on('pullProgress', (p) => p.layers.some((l) => l.status.startsWith('Downloading') && l.current > 0) && resolve()),
      );
      // What the Run dialog does: pull, then run.
      const runAfterPull = backend.handlers.pullImage({ ref, pullId: 9 }).then(() =>
        backend.handlers.runContainer({
          image: ref,
          name: 'dw-never',
          networkMode: { kind: 'network', network: 'bridge' },
          labels: { 'dockwire.test': '1' },
        }),
      );
      await downloading;
      const at = events.at(-1)!.percent;
      expect(at).toBeLessThan(100);
      await backend.handlers.cancelPull({ pullId: 9 });
      await expect(runAfterPull).rejects.toMatchObject({
        code: 'cancelled',
        message: `Pull of ${ref} cancelled: the engine stopped it; no container was created.`,
      });
      expect(hasImage(ref)).toBe(false);
      expect(docker('ps', '-a', '--filter', 'name=dw-never', '--format', '{{.Names}}')).toBe('');
    } finally {
      await backend.stop();
    }
  });
});

describe('dockwire pull', () => {
  it('not on a terminal: a line per layer state and the end, then what was pulled; --json: one object', async () => {
    removeImage(cliRef);
    const plain = await dockwire(['pull', cliRef], withConfig({}));
    expect(plain.code, plain.stderr).toBe(0);
    const lines = plain.stdout.trim().split('\n');
    expect(lines.some((line) => /^[0-9a-f]{12}: (Pulling fs layer|Downloading|Pull complete)/.test(line))).toBe(true);
    expect(lines.at(-2)).toMatch(/^Status: Downloaded newer image for 127\.0\.0\.1:5000\/dockwire-test\/busybox:cli {2}\[100%\]$/);
    expect(lines.at(-1)).toMatch(/^Pulled 127\.0\.0\.1:5000\/dockwire-test\/busybox:cli \(sha256:[0-9a-f]{12}\)\.$/);
    const json = await dockwire(['pull', cliRef, '--json'], withConfig({}));
    expect(json.code).toBe(0);
    expect(json.json).toEqual({ ok: true, result: { image: cliRef, id: expect.stringMatching(/^sha256:/), alreadyPresent: true } });
  });

  it('on a terminal: one bar redrawn in place, ending at 100%', () => {
    removeImage(cliRef);
    // util-linux's script(1) gives the command a pseudo-terminal, as a person's shell would.
    const cli = new URL('../../bin/dockwire.js', import.meta.url).pathname;
    const typescript = execFileSync('script', ['-qfec', `${process.execPath} ${cli} pull ${cliRef}`, '/dev/null'], {
      env: withConfig({}),
      encoding: 'utf8',
    });
    const redraws = typescript.split('\r[').slice(1);
    expect(redraws.length).toBeGreaterThan(1);
    expect(redraws.at(-1)).toMatch(/^#{30}\] 100% [\d.]+ [kM]B\/[\d.]+ [kM]B 1\/1 layers/);
    expect(typescript).toMatch(/Pulled 127\.0\.0\.1:5000\/dockwire-test\/busybox:cli \(sha256:[0-9a-f]{12}\)\./);
  });

  it('exits 1 with the reason (a missing tag), and 2 on a name that is no image reference', async () => {
    const missing = await dockwire(['pull', `${open.host}/dockwire-test/busybox:nope`], withConfig({}));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no dockwire-test/busybox:nope');
    const bad = await dockwire(['pull', 'Not/An:Image:Name'], withConfig({}));
    expect(bad.code).toBe(2);
  });

  it('Ctrl-C mid-pull cancels it: exit 1, "cancelled", and no image left', async () => {
    const ref = slowRef;
    removeImage(ref);
    const child = spawn(process.execPath, [new URL('../../bin/dockwire.js', import.meta.url).pathname, 'pull', ref], {
      env: withConfig({}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [stdout, stderr] = ['', ''];
    child.stderr.on('data', (chunk) => (stderr += chunk));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('Downloading')) resolve();
      }),
    );
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('cancelled');
    expect(hasImage(ref)).toBe(false);
  });
});
