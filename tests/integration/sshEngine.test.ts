/**
 * An ssh:// engine, for real: an sshd on loopback (its own host key, config
 * and port) that runs `docker system dial-stdio` against the private engine,
 * and an ssh-agent holding the key that logs in. Dockwire must refuse a host
 * whose key known_hosts does not list, or lists differently, saying why and
 * how to fix it; and work once the key is known.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const CLI = new URL('../../bin/dockwire.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dockwire-ssh-'));
const home = join(dir, 'home');
let port = 0;
let sshd: ChildProcess;
let agent: { sock: string; pid: string };
/** What sshd logged (-e): one "Accepted publickey" line per login. */
let sshdLog = '';
const logins = () => sshdLog.split('\n').filter((line) => line.startsWith('Accepted publickey')).length;

const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
const fingerprintOf = (file: string) => execFileSync('ssh-keygen', ['-l', '-f', file], { encoding: 'utf8' }).split(' ')[1]!;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}

function dockwire(...args: string[]): {
  code: number | null;
  json: { ok?: boolean; error?: { code: string; message: string }; schemaVersion?: number };
} {
  const env = {
    ...process.env,
    HOME: home,
    SSH_AUTH_SOCK: agent.sock,
    DOCKER_HOST: `ssh://root@127.0.0.1:${port}`,
    DOCKWIRE_HELPER: 'off',
  };
  try {
    const stdout = execFileSync(process.execPath, [CLI, ...args, '--json'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 40_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string };
    return { code: failed.status, json: JSON.parse(failed.stdout || '{}') };
  }
}

beforeAll(async () => {
  mkdirSync(join(home, '.ssh'), { recursive: true });
  mkdirSync('/run/sshd', { recursive: true });
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'other_host_key'));
  keygen(join(dir, 'user_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
  port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      // The "remote" docker CLI talks to the private test engine.
      `SetEnv DOCKER_HOST=${process.env.DOCKER_HOST} PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    ].join('\n') + '\n',
  );
  sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  sshd.stderr!.on('data', (chunk: Buffer) => (sshdLog += chunk.toString()));
  const output = execFileSync('ssh-agent', ['-s'], { encoding: 'utf8' });
  agent = { sock: /SSH_AUTH_SOCK=([^;]+)/.exec(output)![1]!, pid: /SSH_AGENT_PID=(\d+)/.exec(output)![1]! };
  execFileSync('ssh-add', ['-q', join(dir, 'user_key')], { env: { ...process.env, SSH_AUTH_SOCK: agent.sock } });
  await new Promise((resolve) => setTimeout(resolve, 500));
});

afterAll(() => {
  sshd?.kill();
  if (agent) process.kill(Number(agent.pid));
});

const knownHosts = (text: string) => writeFileSync(join(home, '.ssh', 'known_hosts'), text);
const hostLine = (keyFile: string) => `[127.0.0.1]:${port} ${readFileSync(`${keyFile}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`;

describe('an engine over ssh', () => {
  it('is refused while known_hosts does not list its key, with the fingerprint and the command that adds it', () => {
    knownHosts('');
    const run = dockwire('topology');
    expect(run.code).toBe(1);
    expect(run.json.error?.code).toBe('engine-unreachable');
    expect(run.json.error?.message).toContain(`can't be established: it presents ssh-ed25519 ${fingerprintOf(join(dir, 'host_key'))}`);
    expect(run.json.error?.message).toContain(`ssh-keyscan -p ${port} 127.0.0.1 >> ~/.ssh/known_hosts`);
  });

  it('is refused when its key differs from the one known_hosts lists for it', () => {
    knownHosts(hostLine(join(dir, 'other_host_key')));
    const run = dockwire('topology');
    expect(run.code).toBe(1);
    expect(run.json.error?.message).toContain('has CHANGED');
    expect(run.json.error?.message).toContain(`expects ${fingerprintOf(join(dir, 'other_host_key'))}`);
  });

  it('works once its key is known: the Topology comes over ssh, logged in with the agent’s key, once', async () => {
    knownHosts(hostLine(join(dir, 'host_key')));
    const before = logins();
    const run = dockwire('topology');
    expect(run.code, JSON.stringify(run.json)).toBe(0);
    expect(run.json.schemaVersion).toBe(1);
    // Every Docker call of the read (version, events, lists, inspects) goes over one ssh login, not one each.
    // sshd's log is read once the synchronous run above lets the event loop turn: all of it is in the pipe.
    await vi.waitFor(() => expect(logins()).toBeGreaterThan(before));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logins() - before).toBe(1);
  });
});
