// `npm start` (after the build): the desktop app where Electron can run; where it
// cannot (its binary is not installed, or there is no display), says why in one
// line and runs the same UI in browser mode instead, printing its URL and
// opening the system browser when there is a display.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Electron is installed apart, in desktop/ (its tooling needs Node 22.12+; the rest runs on Node 20.19).
const desktopRequire = createRequire(join(root, 'desktop/package.json'));
const DESKTOP_NODE = [22, 12];

/** desktop/'s Electron package folder, installed on first run where its Node is new enough; or why there is none. */
function electronPackage() {
  const resolve = () => dirname(desktopRequire.resolve('electron/package.json'));
  try {
    return { dir: resolve() };
  } catch {
    // not installed yet
  }
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < DESKTOP_NODE[0] || (major === DESKTOP_NODE[0] && minor < DESKTOP_NODE[1]))
    return {
      missing: `the desktop app's tooling (Electron) needs Node ${DESKTOP_NODE.join('.')} or newer, and this is Node ${process.versions.node}`,
    };
  console.log('Dockwire: installing the desktop app (desktop/, first run)…');
  const installed = spawnSync('npm', ['ci', '--prefix', join(root, 'desktop'), '--no-audit', '--no-fund'], {
    stdio: 'inherit',
    timeout: 600_000,
  });
  try {
    return { dir: resolve() };
  } catch {
    return { missing: `the desktop app could not be installed (npm ci --prefix desktop exited ${installed.status})` };
  }
}

/** Electron's binary, fetched on first run as the electron package does; or why there is none. */
function electronBinary() {
  const found = electronPackage();
  if (found.missing) return found;
  const { dir } = found;
  const pathFile = join(dir, 'path.txt');
  const binary = () => (existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8')) : null);
  if (!binary() || !existsSync(binary())) {
    console.log('Dockwire: fetching the Electron binary (first run)…');
    const fetched = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
    if (!binary() || !existsSync(binary())) {
      const said =
        `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`
          .trim()
          .split('\n')
          .find((line) => /error|failed/i.test(line)) ?? 'no binary';
      return { missing: `Electron's binary could not be downloaded (${said.trim()})` };
    }
  }
  return { path: binary() };
}

/** Why Electron cannot run here, or the binary to run. */
function electron() {
  if (process.env.DOCKWIRE_ELECTRON === 'off') return { missing: 'DOCKWIRE_ELECTRON=off' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { missing: 'there is no display (DISPLAY is not set)' };
  return electronBinary();
}

/** What follows `npm start --`: the engines to follow (--context NAME, --host URL), passed on to the app or serve. */
const passedOn = process.argv.slice(2);

function browserMode(why) {
  console.log(`Dockwire: the desktop app cannot run here: ${why}. Starting browser mode instead.`);
  const server = spawn(process.execPath, [`${root}bin/dockwire.js`, 'serve', ...passedOn], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /serving on (http:\/\/\S+)/.exec(chunk.toString())?.[1];
    const display = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
    if (url && display) {
      const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
      spawn(opener, [url], { stdio: 'ignore', detached: true }) // spawns: open, explorer or xdg-open (optional: the URL is printed)
        .on('error', () => console.log(`Open ${url} in a browser.`))
        .unref();
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

const found = electron();
if (found.missing) {
  browserMode(found.missing);
} else {
  const started = Date.now();
  const app = spawn(found.path, [root, ...passedOn], { cwd: root, stdio: 'inherit' }); // spawns: Electron's own binary (desktop/)
  app.on('error', (error) => browserMode(`Electron would not start (${error.message})`));
  app.on('exit', (code) => {
    // Dying at once is Electron failing to run (libraries, sandbox), not the user quitting.
    if (code !== 0 && Date.now() - started < 5000) browserMode(`Electron exited as it started (code ${code})`);
    else process.exit(code ?? 0);
  });
}
