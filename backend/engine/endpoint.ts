/**
 * Which Docker engine to talk to, by the Docker CLI's own rules, so Dockwire
 * shows the host that `docker` in the same shell would show:
 * DOCKER_HOST, else DOCKER_CONTEXT, else `currentContext` in the Docker
 * config, else the default socket. Pure: the environment and file reads are
 * passed in, so every rule is unit-tested.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export type EngineAddress =
  | { kind: 'socket'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: TlsFiles | null }
  | { kind: 'ssh'; host: string; port: number; username: string | undefined };

export interface TlsFiles {
  ca: string;
  cert: string;
  key: string;
  verify: boolean;
}

export interface EngineEndpoint {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://h:2376… */
  url: string;
  /** How it was chosen, in words the UI shows. */
  source: string;
  address: EngineAddress;
}

export interface EndpointInputs {
  env: Record<string, string | undefined>;
  /** Returns a file's text, or null when it does not exist. */
  readFile: (path: string) => string | null;
  home?: string;
}

export class EndpointError extends Error {}

export function resolveEndpoint({ env, readFile, home = homedir() }: EndpointInputs): EngineEndpoint {
  const configDir = env.DOCKER_CONFIG || join(home, '.docker');
  if (env.DOCKER_HOST) {
    const certDir = env.DOCKER_CERT_PATH || configDir;
    const tls =
      env.DOCKER_TLS_VERIFY || env.DOCKER_TLS
        ? {
            ca: join(certDir, 'ca.pem'),
            cert: join(certDir, 'cert.pem'),
            key: join(certDir, 'key.pem'),
            verify: Boolean(env.DOCKER_TLS_VERIFY),
          }
        : null;
    return fromUrl(env.DOCKER_HOST, 'DOCKER_HOST', tls);
  }
  if (env.DOCKER_CONTEXT) return fromContext(env.DOCKER_CONTEXT, 'DOCKER_CONTEXT', configDir, readFile);
  const configText = readFile(join(configDir, 'config.json'));
  if (configText !== null) {
    let current: unknown;
    try {
      current = (JSON.parse(configText) as { currentContext?: unknown }).currentContext;
    } catch {
      throw new EndpointError(`cannot parse ${join(configDir, 'config.json')}: it is not valid JSON`);
    }
    if (typeof current === 'string' && current !== '') {
      return fromContext(current, `currentContext in ${join(configDir, 'config.json')}`, configDir, readFile);
    }
  }
  return fromUrl(`unix://${DEFAULT_SOCKET}`, 'default socket', null);
}

function fromContext(name: string, why: string, configDir: string, readFile: EndpointInputs['readFile']): EngineEndpoint {
  if (name === 'default') return fromUrl(`unix://${DEFAULT_SOCKET}`, `context "default" (${why})`, null);
  // node:crypto only when a context is used: loading it costs the warm `dockwire topology` a tenth of its budget.
  const digest = process.getBuiltinModule('node:crypto').createHash('sha256').update(name).digest('hex');
  const metaPath = join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const metaText = readFile(metaPath);
  if (metaText === null) throw new EndpointError(`Docker context "${name}" (${why}) does not exist: no ${metaPath}`);
  let host: unknown;
  let skipVerify: boolean;
  try {
    const docker = (JSON.parse(metaText) as { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } }).Endpoints?.docker;
    host = docker?.Host;
    skipVerify = docker?.SkipTLSVerify === true;
  } catch {
    throw new EndpointError(`cannot parse ${metaPath}: it is not valid JSON`);
  }
  if (typeof host !== 'string' || host === '') throw new EndpointError(`Docker context "${name}" has no docker endpoint`);
  const tlsDir = join(configDir, 'contexts', 'tls', digest, 'docker');
  const hasTls = readFile(join(tlsDir, 'ca.pem')) !== null || readFile(join(tlsDir, 'cert.pem')) !== null;
  const tls = hasTls
    ? { ca: join(tlsDir, 'ca.pem'), cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem'), verify: !skipVerify }
    : null;
  return fromUrl(host, `context "${name}" (${why})`, tls);
}

export function fromUrl(url: string, source: string, tls: TlsFiles | null): EngineEndpoint {
  const match = /^([a-z]+):\/\/(.*)$/.exec(url);
  if (!match) throw new EndpointError(`cannot use engine address "${url}" (${source}): expected unix://, tcp:// or ssh://`);
  const [, scheme, rest = ''] = match;
  if (scheme === 'unix') {
    if (!rest.startsWith('/')) throw new EndpointError(`cannot use "${url}" (${source}): the socket path must be absolute`);
    return { url, source, address: { kind: 'socket', socketPath: rest } };
  }
  if (scheme === 'tcp' || scheme === 'ssh') {
    let parsed: URL;
    try {
      parsed = new URL(`${scheme === 'tcp' ? 'http' : 'ssh'}://${rest}`);
    } catch {
      throw new EndpointError(`cannot use "${url}" (${source}): not a valid host address`);
    }
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    if (scheme === 'ssh') {
      return { url, source, address: { kind: 'ssh', host, port: Number(parsed.port || 22), username: parsed.username || undefined } };
    }
    return { url, source, address: { kind: 'tcp', host, port: Number(parsed.port || (tls ? 2376 : 2375)), tls } };
  }
  throw new EndpointError(`cannot use "${url}" (${source}): the ${scheme}:// scheme is not supported on this platform`);
}
