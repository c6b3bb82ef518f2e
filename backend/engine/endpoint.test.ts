import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './endpoint.js';

const HOME = '/home/ann';
const files = (entries: Record<string, string>) => (path: string) => entries[path] ?? null;
const metaPath = (name: string) => `${HOME}/.docker/contexts/meta/${createHash('sha256').update(name).digest('hex')}/meta.json`;
const meta = (name: string, host: string) => JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

describe('resolveEndpoint follows the Docker CLI', () => {
  it('uses the default socket when nothing is set', () => {
    expect(resolveEndpoint({ env: {}, readFile: files({}), home: HOME })).toEqual({
      url: 'unix:///var/run/docker.sock',
      source: 'default socket',
      address: { kind: 'socket', socketPath: '/var/run/docker.sock' },
    });
  });

  it('prefers DOCKER_HOST over DOCKER_CONTEXT and the config', () => {
    const endpoint = resolveEndpoint({
      env: { DOCKER_HOST: 'unix:///tmp/d.sock', DOCKER_CONTEXT: 'remote' },
      readFile: files({ [`${HOME}/.docker/config.json`]: '{"currentContext":"other"}' }),
      home: HOME,
    });
    expect(endpoint.address).toEqual({ kind: 'socket', socketPath: '/tmp/d.sock' });
    expect(endpoint.source).toBe('DOCKER_HOST');
  });

  it('reads DOCKER_CONTEXT from the context store, keyed by the sha256 of its name', () => {
    const endpoint = resolveEndpoint({
      env: { DOCKER_CONTEXT: 'remote' },
      readFile: files({ [metaPath('remote')]: meta('remote', 'tcp://10.9.8.7:2375') }),
      home: HOME,
    });
    expect(endpoint.url).toBe('tcp://10.9.8.7:2375');
    expect(endpoint.address).toEqual({ kind: 'tcp', host: '10.9.8.7', port: 2375, tls: null });
    expect(endpoint.source).toContain('context "remote"');
  });

  it('falls back to currentContext in DOCKER_CONFIG/config.json', () => {
    const endpoint = resolveEndpoint({
      env: { DOCKER_CONFIG: '/cfg' },
      readFile: files({
        '/cfg/config.json': '{"currentContext":"vm"}',
        [`/cfg/contexts/meta/${createHash('sha256').update('vm').digest('hex')}/meta.json`]: meta('vm', 'ssh://me@vmhost'),
      }),
      home: HOME,
    });
    expect(endpoint.address).toEqual({ kind: 'ssh', host: 'vmhost', port: 22, username: 'me' });
    expect(endpoint.source).toContain('currentContext in /cfg/config.json');
  });

  it('treats the context "default" as the default socket', () => {
    const endpoint = resolveEndpoint({ env: { DOCKER_CONTEXT: 'default' }, readFile: files({}), home: HOME });
    expect(endpoint.url).toBe('unix:///var/run/docker.sock');
  });

  it('uses TLS files from DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set, on port 2376 by default', () => {
    const endpoint = resolveEndpoint({
      env: { DOCKER_HOST: 'tcp://engine.lan', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
      readFile: files({}),
      home: HOME,
    });
    expect(endpoint.address).toEqual({
      kind: 'tcp',
      host: 'engine.lan',
      port: 2376,
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
    });
  });

  it.each([
    ['a missing context', { DOCKER_CONTEXT: 'ghost' }, /context "ghost" .* does not exist/],
    ['an unknown scheme', { DOCKER_HOST: 'npipe:////./pipe/docker_engine' }, /npipe:\/\/ scheme is not supported/],
    ['no scheme at all', { DOCKER_HOST: '/var/run/docker.sock' }, /expected unix:\/\/, tcp:\/\/ or ssh:\/\//],
  ])('explains %s', (_name, env, message) => {
    expect(() => resolveEndpoint({ env, readFile: files({}), home: HOME })).toThrowError(message);
  });
});
