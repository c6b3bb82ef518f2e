import { describe, expect, it } from 'vitest';
import { registryAuth } from './registryAuth.js';

const files = (config: unknown) => (path: string) => (path === '/cfg/config.json' ? JSON.stringify(config) : null);
const env = { DOCKER_CONFIG: '/cfg' };
const basic = (user: string, pass: string) => Buffer.from(`${user}:${pass}`).toString('base64');

describe('registry credentials, as the Docker CLI keeps them', () => {
  it('reads auths by registry host, and Docker Hub under its index URL', async () => {
    const readFile = files({
      auths: { '127.0.0.1:5001': { auth: basic('ann', 'pa:ss') }, 'https://index.docker.io/v1/': { auth: basic('bob', 'x') } },
    });
    expect(await registryAuth('127.0.0.1:5001', { env, readFile })).toEqual({
      auth: { username: 'ann', password: 'pa:ss', serveraddress: '127.0.0.1:5001' },
      lookedIn: 'auths in /cfg/config.json',
    });
    expect((await registryAuth('docker.io', { env, readFile })).auth).toEqual({
      username: 'bob',
      password: 'x',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(await registryAuth('other.example', { env, readFile })).toEqual({
      auth: null,
      lookedIn: 'auths in /cfg/config.json (nothing for other.example)',
    });
  });

  it('asks credHelpers before credsStore, with the protocol: get, the server on stdin, Username and Secret back', async () => {
    const asked: string[] = [];
    const runHelper = async (program: string, stdin: string) => {
      asked.push(`${program} <- ${stdin}`);
      return program.endsWith('-ecr')
        ? JSON.stringify({ ServerURL: stdin, Username: 'AWS', Secret: 's3cret' })
        : JSON.stringify({ Username: '<token>', Secret: 'tok' });
    };
    const readFile = files({
      credsStore: 'desktop',
      credHelpers: { 'reg.example:5000': 'ecr' },
      auths: { 'reg.example:5000': { auth: basic('no', 'no') } },
    });
    expect((await registryAuth('reg.example:5000', { env, readFile, runHelper })).auth).toEqual({
      username: 'AWS',
      password: 's3cret',
      serveraddress: 'reg.example:5000',
    });
    expect((await registryAuth('docker.io', { env, readFile, runHelper })).auth).toEqual({
      identitytoken: 'tok',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(asked).toEqual(['docker-credential-ecr <- reg.example:5000', 'docker-credential-desktop <- https://index.docker.io/v1/']);
  });

  it('pulls anonymously, saying where it looked, when the helper has nothing, fails, or the config is absent or broken', async () => {
    const failing = async () => {
      throw new Error('docker-credential-pass: credentials not found in native keychain');
    };
    expect(await registryAuth('r.example', { env, readFile: files({ credsStore: 'pass' }), runHelper: failing })).toEqual({
      auth: null,
      lookedIn: 'docker-credential-pass (named in /cfg/config.json): docker-credential-pass: credentials not found in native keychain',
    });
    expect((await registryAuth('r.example', { env, readFile: files({ credsStore: '../../bin/sh' }) })).lookedIn).toMatch(/impossible name/);
    expect(await registryAuth('r.example', { env, readFile: () => null })).toEqual({
      auth: null,
      lookedIn: '/cfg/config.json (not there)',
    });
    expect(await registryAuth('r.example', { env, readFile: () => '{oops' })).toEqual({
      auth: null,
      lookedIn: '/cfg/config.json (not valid JSON)',
    });
  });
});
