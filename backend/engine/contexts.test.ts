import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDockerContexts } from './contexts.js';

function config(metas: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dockwire-contexts-'));
  for (const [digest, text] of Object.entries(metas)) {
    mkdirSync(join(dir, 'contexts', 'meta', digest), { recursive: true });
    writeFileSync(join(dir, 'contexts', 'meta', digest, 'meta.json'), text);
  }
  return dir;
}
const meta = (name: string, host: string, description = '') =>
  JSON.stringify({ Name: name, Metadata: { Description: description }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

describe('the Docker contexts a window can follow', () => {
  it('lists default first, then every context by name, with its endpoint and description', () => {
    const dir = config({ a: meta('node2', 'unix:///n2.sock'), b: meta('node1', 'ssh://me@n1', 'the manager') });
    expect(listDockerContexts({ DOCKER_CONFIG: dir })).toEqual({
      contexts: [
        { name: 'default', endpoint: 'unix:///var/run/docker.sock', description: 'Docker’s default socket' },
        { name: 'node1', endpoint: 'ssh://me@n1', description: 'the manager' },
        { name: 'node2', endpoint: 'unix:///n2.sock', description: '' },
      ],
      problem: null,
    });
  });

  it('is default alone without contexts, and names a context it could not read without losing the others', () => {
    expect(listDockerContexts({ DOCKER_CONFIG: join(tmpdir(), 'no-such-docker-config') }).contexts.map((c) => c.name)).toEqual(['default']);
    const dir = config({ a: meta('ok', 'unix:///ok.sock'), b: '{not json', c: JSON.stringify({ Name: 'k8s-only', Endpoints: {} }) });
    const listed = listDockerContexts({ DOCKER_CONFIG: dir });
    expect(listed.contexts.map((c) => c.name)).toEqual(['default', 'ok']);
    expect(listed.problem).toMatch(/^Some Docker contexts could not be read: /);
  });
});
