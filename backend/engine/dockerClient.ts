/** Makes the dockerode client for a resolved endpoint. dockerode stays inside the backend. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { verifyHostKey } from './knownHosts.js';
import { dockerOverSsh } from './sshDialAgent.js';
import { addCallDeadlines } from './callDeadlines.js';
import type { EngineEndpoint } from './endpoint.js';

/** The client for an endpoint, with a deadline on every call (./callDeadlines.ts). */
export function createDockerClient(endpoint: EngineEndpoint): Docker {
  return addCallDeadlines(createRawClient(endpoint));
}

function createRawClient(endpoint: EngineEndpoint): Docker {
  const { address } = endpoint;
  switch (address.kind) {
    case 'socket':
      return new Docker({ socketPath: address.socketPath });
    case 'ssh':
      return sshClient(address.host, address.port, address.username);
    case 'tcp': {
      if (!address.tls) return new Docker({ protocol: 'http', host: address.host, port: address.port });
      const { tls } = address;
      return new Docker({
        protocol: 'https',
        host: address.host,
        port: address.port,
        ca: readFileSync(tls.ca),
        cert: readFileSync(tls.cert),
        key: readFileSync(tls.key),
        // Only a context with SkipTLSVerify turns verification off, as in the Docker CLI.
        ...(tls.verify ? {} : { rejectUnauthorized: false }),
      } as Docker.DockerOptions);
    }
  }
}

/** A host key known_hosts does not vouch for: the reason, in ssh's terms. */
export class HostKeyError extends Error {
  readonly code = 'EHOSTKEY';
}

/** The known_hosts files ssh itself reads, as far as they exist. */
function knownHostsFiles(): Array<{ path: string; text: string }> {
  const paths = [join(process.env.HOME || homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
  return paths.flatMap((path) => {
    try {
      return [{ path, text: readFileSync(path, 'utf8') }];
    } catch {
      return [];
    }
  });
}

/**
 * An engine over ssh, whose host key must be in known_hosts. ssh2 reports a
 * refused key as a bare "verification failed"; the verdict's own words replace it.
 */
function sshClient(host: string, port: number, username: string | undefined): Docker {
  let refusal: string | null = null;
  const hostVerifier = (key: Buffer) => {
    const verdict = verifyHostKey(knownHostsFiles(), host, port, key);
    refusal = verdict.ok ? null : verdict.message;
    return verdict.ok;
  };
  // The ssh agent, as the Docker CLI's ssh uses it, for the keys that log in.
  const sshOptions = { hostVerifier, ...(process.env.SSH_AUTH_SOCK ? { agent: process.env.SSH_AUTH_SOCK } : {}) };
  // Plain HTTP whose connections are channels on a shared ssh connection (./sshDialAgent.ts), not
  // docker-modem's ssh, which logs in again for every request.
  const docker = dockerOverSsh({ host, port, username, ...sshOptions });
  const modem = docker.modem as unknown as { dial(options: unknown, callback: (error: unknown, data: unknown) => void): void };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => dial(options, (error, data) => callback(error && refusal ? new HostKeyError(refusal) : error, data));
  return docker;
}
