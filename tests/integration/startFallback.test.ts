/**
 * `npm start` where the desktop app cannot run (no Electron binary, or no
 * display): it says why in one line, falls back to browser mode by itself, and
 * the URL it prints serves the app.
 */
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';

const START = new URL('../../scripts/start.mjs', import.meta.url).pathname;

function firstUrl(env: NodeJS.ProcessEnv): Promise<{ lines: string[]; url: string; stop(): void }> {
  const child = spawn(process.execPath, [START], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`no URL within 60 s:\n${output}`));
    }, 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /serving on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ lines: output.trim().split('\n'), url, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
}

/** The status of the printed URL as a browser ends up with it: its first answer trades the token for a cookie. */
function status(url: string, cookie?: string): Promise<number> {
  return new Promise((resolve, reject) =>
    request(url, { headers: cookie ? { cookie } : {} }, (res) => {
      res.resume();
      const set = res.headers['set-cookie']?.[0]?.split(';')[0];
      if (res.statusCode === 303 && res.headers.location && set) resolve(status(new URL(res.headers.location, url).href, set));
      else resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end(),
  );
}

// On a Node older than the desktop tooling needs (desktop/ asks for 22.12), that is the reason given; on a newer
// one, Electron is installed and then fails for want of its binary or a usable display.
const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
const desktopNodeTooOld = major < 22 || (major === 22 && minor < 12);
const electronCannotRun = desktopNodeTooOld
  ? new RegExp(`needs Node 22\\.12 or newer, and this is Node ${process.versions.node.replace(/\./g, '\\.')}`)
  : /Electron('s binary could not be downloaded| exited as it started| would not start)/;

describe('npm start without a usable Electron', () => {
  it.each([
    ['no display', { DISPLAY: '', WAYLAND_DISPLAY: '' }, /there is no display/],
    ['a display Electron cannot use', { DISPLAY: ':97', WAYLAND_DISPLAY: '' }, electronCannotRun],
  ])(
    'with %s: says why in one line and serves the app in browser mode',
    async (_case, display, why) => {
      const started = await firstUrl({ ...process.env, ...display });
      try {
        const notice = started.lines.find((line) => line.includes('Starting browser mode instead'));
        expect(notice).toMatch(why);
        expect(await status(started.url)).toBe(200);
      } finally {
        started.stop();
      }
    },
    90_000,
  );
});
