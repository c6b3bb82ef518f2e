/**
 * The `app` fixture: a Dockwire window driven by page objects. By default the
 * real backend in browser mode (`dockwire serve`) in Debian's Chromium; with
 * DOCKWIRE_E2E_TARGET=electron, the Electron app itself (where its binary can run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { test as base, _electron, type Page } from '@playwright/test';
import { GraphPage } from './pages/GraphPage';

const ROOT = new URL('..', import.meta.url).pathname;

interface ServerInfo {
  url: string;
  process: ChildProcess;
}

async function startBrowserModeServer(): Promise<ServerInfo> {
  if (!existsSync(`${ROOT}dist/backend/cli.cjs`)) throw new Error('dist/ is not built: run npm run build');
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: e2e tests need the private engine (npm test starts it)');
  const child = spawn(process.execPath, [`${ROOT}bin/dockwire.js`, 'serve'], {
    cwd: ROOT,
    // Its own config home: the engines someone chose in a window of their own are not this run's.
    env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'dockwire-config-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`dockwire serve printed no URL within 15 s:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`dockwire serve exited with ${code}:\n${output}`)));
  });
  return { url, process: child };
}

export const test = base.extend<{ app: GraphPage }, { server: ServerInfo | null }>({
  server: [
    // Playwright needs the destructuring pattern, even with no fixtures to take.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      if (process.env.DOCKWIRE_E2E_TARGET === 'electron') return use(null);
      const server = await startBrowserModeServer();
      await use(server);
      server.process.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server }, use) => {
    let target: Page = page;
    let close = async () => {};
    if (server) {
      // Chromium drops a request in flight when the host's network changes (a test in another worker making a
      // Docker network adds links): the app's script then never loads and the page stays blank (seen once in CI,
      // net::ERR_NETWORK_CHANGED). That is the rig, not the app: such a load is reloaded (the cookie stays).
      let dropped = false;
      page.on('requestfailed', (request) => {
        if (request.failure()?.errorText === 'net::ERR_NETWORK_CHANGED') dropped = true;
      });
      await page.goto(server.url);
      for (let attempt = 0; dropped && attempt < 3; attempt++) {
        dropped = false;
        await page.reload();
      }
    } else {
      // Electron lives in desktop/ (installed by npm start or npm run package): its package's export is the binary's path.
      const executablePath = createRequire(`${ROOT}desktop/package.json`)('electron') as string;
      const electronApp = await _electron.launch({
        executablePath,
        args: [ROOT],
        cwd: ROOT,
        env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'dockwire-config-')) } as Record<string, string>,
      });
      target = await electronApp.firstWindow();
      close = () => electronApp.close();
    }
    await use(new GraphPage(target));
    await close();
  },
});

export { expect } from '@playwright/test';
