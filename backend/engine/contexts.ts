/**
 * The Docker contexts in the user's Docker config ($DOCKER_CONFIG or ~/.docker): each context's name,
 * endpoint and description, as `docker context ls` lists them, with "default". Files are read with bounds:
 * a config with thousands of contexts or a huge meta.json is cut short and said to be.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DockerContextInfo } from '../../common/engineList.js';
import { DEFAULT_SOCKET } from './endpoint.js';

const MAX_CONTEXTS = 256;
const MAX_META_BYTES = 64 * 1024;

export function listDockerContexts(
  env: Record<string, string | undefined>,
  home = homedir(),
): { contexts: DockerContextInfo[]; problem: string | null } {
  const metaDir = join(env.DOCKER_CONFIG || join(home, '.docker'), 'contexts', 'meta');
  const contexts: DockerContextInfo[] = [{ name: 'default', endpoint: `unix://${DEFAULT_SOCKET}`, description: 'Docker’s default socket' }];
  const problems: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(metaDir);
  } catch {
    return { contexts, problem: null }; // no contexts made: only the default
  }
  if (entries.length > MAX_CONTEXTS) problems.push(`only the first ${MAX_CONTEXTS} of ${entries.length} contexts are listed`);
  for (const entry of entries.slice(0, MAX_CONTEXTS)) {
    const file = join(metaDir, entry, 'meta.json');
    try {
      if (statSync(file).size > MAX_META_BYTES) throw new Error(`larger than ${MAX_META_BYTES} bytes`);
      const meta = JSON.parse(readFileSync(file, 'utf8')) as {
        Name?: unknown;
        Metadata?: { Description?: unknown };
        Endpoints?: { docker?: { Host?: unknown } };
      };
      const host = meta.Endpoints?.docker?.Host;
      if (typeof meta.Name !== 'string' || !meta.Name || typeof host !== 'string' || !host)
        throw new Error('no name or no docker endpoint');
      const description = meta.Metadata?.Description;
      contexts.push({ name: meta.Name, endpoint: host, description: typeof description === 'string' ? description : '' });
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  contexts.sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
  return { contexts, problem: problems.length ? `Some Docker contexts could not be read: ${problems.slice(0, 3).join('; ')}` : null };
}
