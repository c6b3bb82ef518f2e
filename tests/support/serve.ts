/** Runs the real `dockwire serve` as a child process and reads its URL, port and token. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

export interface ServeProcess {
  url: string;
  port: number;
  token: string;
  /** The Cookie header a page loaded from `url` sends afterwards. */
  cookie: string;
  child: ChildProcess;
  /** Whatever it printed, for failure messages. */
  output(): string;
  stop(): void;
}

/**
 * configHome: its XDG_CONFIG_HOME, where it remembers the engines chosen in its window; a fresh one unless
 * given, so no run reads engines that another (or the person running the tests) chose.
 */
export async function startServeProcess(
  args: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  configHome = mkdtempSync(join(tmpdir(), 'dockwire-config-')),
): Promise<ServeProcess> {
  if (!existsSync(`${ROOT}dist/backend/cli.cjs`)) throw new Error('dist/ is not built: run npm run build');
  const child = spawn(process.execPath, [`${ROOT}bin/dockwire.js`, 'serve', ...args], {
    cwd: ROOT,
    env: { ...env, XDG_CONFIG_HOME: configHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dockwire serve printed no URL within 15 s:\n${printed}`)), 15_000);
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(printed);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`dockwire serve exited with ${code}:\n${printed}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    cookie: `dockwire-${parsed.port}=${parsed.searchParams.get('token') ?? ''}`,
    child,
    output: () => printed,
    stop: () => void child.kill('SIGTERM'),
  };
}
