/**
 * The ssh agent against an ssh server in this process (ssh2's own, on loopback) whose `docker system
 * dial-stdio` is piped to a small HTTP server standing in for the engine: how many logins and channels a run of
 * requests takes, and that a dropped or idle connection is replaced by a fresh login. (The real sshd and
 * engine: tests/integration/sshEngine.test.ts.)
 */
import { createServer as createHttpServer, request, type Server as HttpServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Server as SshServer, utils, type Connection } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALLS_AT_ONCE, dockerOverSsh, SshDialAgent, sshAgentOf } from './sshDialAgent.js';

let engine: HttpServer;
let sshd: SshServer;
let sshPort = 0;
let logins = 0;
let commands: string[] = [];
/** When set, the "remote host" answers each new channel with these bytes instead of the engine's HTTP. */
let garbage: Buffer | null = null;
const sessions = new Set<Connection>();
const agents: SshDialAgent[] = [];

beforeAll(async () => {
  engine = createHttpServer((req, res) => res.end(JSON.stringify({ path: req.url })));
  await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
  const enginePort = (engine.address() as AddressInfo).port;
  const hostKey = utils.generateKeyPairSync('ed25519').private;
  sshd = new SshServer({ hostKeys: [hostKey] }, (client) => {
    sessions.add(client);
    client.on('close', () => sessions.delete(client));
    client.on('error', () => {});
    client.on('authentication', (context) => context.accept());
    client.on('ready', () => {
      logins++;
      client.on('session', (acceptSession) => {
        acceptSession().on('exec', (acceptExec, _reject, info) => {
          commands.push(info.command);
          const channel = acceptExec();
          if (garbage) return channel.end(garbage);
          const toEngine = connect(enginePort, '127.0.0.1');
          toEngine.on('error', () => channel.destroy());
          channel.on('close', () => toEngine.destroy());
          channel.pipe(toEngine).pipe(channel);
        });
      });
    });
  });
  await new Promise<void>((resolve) => sshd.listen(0, '127.0.0.1', resolve));
  sshPort = (sshd.address() as AddressInfo).port;
});

afterEach(() => {
  for (const agent of agents.splice(0)) agent.destroy();
  for (const session of sessions) session.end();
  logins = 0;
  commands = [];
  garbage = null;
});

afterAll(async () => {
  await new Promise((resolve) => sshd.close(resolve));
  await new Promise((resolve) => engine.close(resolve));
});

function newAgent(idleMs?: number): SshDialAgent {
  const agent = new SshDialAgent({ host: '127.0.0.1', port: sshPort, username: 'tester' }, idleMs);
  agents.push(agent);
  return agent;
}

function get(agent: SshDialAgent, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'docker', path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Docker calls over ssh', () => {
  it('go one after another over one login and one channel, running docker system dial-stdio', async () => {
    const agent = newAgent();
    for (let i = 0; i < 20; i++) expect(await get(agent, `/containers/${i}/json`)).toBe(JSON.stringify({ path: `/containers/${i}/json` }));
    expect(logins).toBe(1);
    expect(commands).toEqual(['docker system dial-stdio']);
  });

  it('made at once share one login and at most 6 channels, and all are answered', async () => {
    const docker = dockerOverSsh({ host: '127.0.0.1', port: sshPort, username: 'tester' });
    agents.push(sshAgentOf(docker));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => docker.getContainer(`c${i}`).inspect()));
    expect(answers.map((answer) => (answer as unknown as { path: string }).path)).toEqual(
      Array.from({ length: 20 }, (_, i) => `/containers/c${i}/json`),
    );
    expect(logins).toBe(1);
    expect(commands.length).toBeLessThanOrEqual(CALLS_AT_ONCE);
  });

  it('log in afresh after the connection drops', async () => {
    const agent = newAgent();
    await get(agent, '/version');
    for (const session of sessions) session.end();
    await vi.waitFor(() => expect(agent.connectionCount).toBe(0));
    expect(JSON.parse(await get(agent, '/version')).path).toBe('/version');
    expect(logins).toBe(2);
  });

  it('close an idle channel, and its connection with it, then log in again when asked', async () => {
    const agent = newAgent(100);
    await get(agent, '/version');
    await vi.waitFor(() => expect(sessions.size).toBe(0));
    expect(agent.connectionCount).toBe(0);
    expect(JSON.parse(await get(agent, '/_ping')).path).toBe('/_ping');
    expect(logins).toBe(2);
  });

  it('fail on garbage from the remote host, and the next call on a sound channel is answered', async () => {
    const agent = newAgent();
    garbage = Buffer.concat([Buffer.from('HTTP/9 ???\r\n\x00\xff'), Buffer.alloc(64 * 1024, 0xfe)]);
    await expect(get(agent, '/version')).rejects.toThrow();
    garbage = null;
    expect(JSON.parse(await get(agent, '/version')).path).toBe('/version');
    expect(logins).toBe(1);
  });

  it('fail with the reason when nothing answers the ssh port', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createHttpServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const agent = new SshDialAgent({ host: '127.0.0.1', port: closed, username: 'tester' });
    agents.push(agent);
    await expect(get(agent, '/version')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(agent.connectionCount).toBe(0);
  });
});
