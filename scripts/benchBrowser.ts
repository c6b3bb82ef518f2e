/**
 * The browser half of `npm run bench`: Dockwire's page in Debian's Chromium,
 * served by a real `dockwire serve`, against a host of N containers.
 * Measures what a person feels: when the first view stops changing, the
 * longest main-thread task while it loads, the longest task per live change,
 * and how soon a `docker network connect` is drawn.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const run = promisify(execFile);

export interface BrowserNumbers {
  settledMs: number;
  longestLoadTaskMs: number;
  longestChangeTaskMs: number[];
  connectToDrawnMs: number[];
  /** Of that: until the page received the Topology with the change (the backend's share, and the wire's). */
  connectToMessageMs: number[];
  /** The size of that Topology message. */
  messageBytes: number[];
}

/** Serves the UI; resolves with its URL and a way to stop it (and, for the RSS, its pid). */
export async function serve(args: string[] = [], env = process.env): Promise<{ url: string; pid: number; stop(): void }> {
  // Its own config home: no engines remembered from a window of the person's own.
  const configHome = mkdtempSync(join(tmpdir(), 'dockwire-config-'));
  const child = spawn(process.execPath, ['bin/dockwire.js', 'serve', ...args], {
    env: { ...env, XDG_CONFIG_HOME: configHome },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dockwire serve printed no URL within 30 s')), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /serving on (\S+)/.exec(chunk.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { url, pid: child.pid!, stop: () => void child.kill('SIGTERM') };
}

/**
 * Watches, inside the page, for the element with this test id, and notes when the frame that first shows it has
 * been drawn (the task after that frame's requestAnimationFrame). Playwright's waitForSelector cannot time this:
 * it looks again 0, 20, 70, 170, 270 and 770 ms after it is called, so a row drawn at 110 ms read as 170 and one
 * at 280 as 770.
 */
async function armDrawnWatch(page: Page, testId: string): Promise<void> {
  await page.evaluate((testId) => {
    const watched = window as unknown as { __drawnAt: Promise<number> };
    watched.__drawnAt = new Promise((resolve, reject) => {
      const present = () => document.querySelector(`[data-testid="${CSS.escape(testId)}"]`) !== null;
      const drawn = () => requestAnimationFrame(() => setTimeout(() => resolve(Date.now())));
      if (present()) return drawn();
      const observer = new MutationObserver(() => {
        if (!present()) return;
        observer.disconnect();
        clearTimeout(timer);
        drawn();
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`${testId} was not drawn within 10 s`));
      }, 10_000);
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, testId);
}

/** When (Date.now() in the page: the same clock as the bench's) the watched element was first drawn. */
async function drawnAt(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __drawnAt: Promise<number> }).__drawnAt);
}

/** `focus`: the group the live changes happen in, and a filter that frames it (on a big host the groups start collapsed). */
export async function browserBench(
  url: string,
  connectTargets: Array<{ container: string; network: string }>,
  focus: { group: string; filter: string },
  /** Where the live changes are made (several engines: one of them). */
  dockerEnv: NodeJS.ProcessEnv = {},
): Promise<BrowserNumbers> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Long tasks (over 50 ms) as the browser reports them, from the very start.
    await page.addInitScript(() => {
      const tasks: Array<{ start: number; duration: number }> = [];
      (window as unknown as { __tasks: typeof tasks }).__tasks = tasks;
      // Every message from the backend, when it arrived and how big it was: the split of a live change's time.
      const messages: Array<{ at: number; bytes: number; text: string }> = [];
      (window as unknown as { __messages: typeof messages }).__messages = messages;
      const NativeWebSocket = window.WebSocket;
      window.WebSocket = class extends NativeWebSocket {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          this.addEventListener('message', (event: MessageEvent) => {
            const text = typeof event.data === 'string' ? event.data : '';
            messages.push({ at: Date.now(), bytes: text.length, text: text.slice(0, 200) });
          });
        }
      };
      new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration }))).observe(
        { type: 'longtask', buffered: true },
      );
    });
    const navigated = Date.now();
    await page.goto(url);
    // Settled: the nodes on the page (and where they are) stop changing for a second.
    let last = '';
    let lastChange = Date.now();
    while (Date.now() - lastChange < 1000 && Date.now() - navigated < 60_000) {
      const now = await page.evaluate(() =>
        [...document.querySelectorAll('.react-flow__node')]
          .map((n) => `${(n as HTMLElement).dataset.id}@${(n as HTMLElement).style.transform}`)
          .join('|'),
      );
      if (now !== last && now !== '') {
        last = now;
        lastChange = Date.now();
      }
      await page.waitForTimeout(50);
    }
    const settledMs = lastChange - navigated;
    const longestLoadTaskMs = await page.evaluate(() =>
      Math.max(0, ...(window as unknown as { __tasks: Array<{ duration: number }> }).__tasks.map((t) => t.duration)),
    );

    // With several engines, one project name may be a group on each: the first is expanded.
    const expand = page.getByRole('button', { name: `Expand ${focus.group}` }).first();
    if (await expand.count()) await expand.click();
    await page.getByRole('searchbox', { name: 'Filter by container or network name' }).fill(focus.filter);
    await page.getByRole('searchbox', { name: 'Filter by container or network name' }).press('Enter');
    await page.waitForTimeout(1000);
    // BENCH_PROFILE=FILE: the page's CPU profile over its live changes (the first page load's only), for Chromium's
    // DevTools or scripts/profileTasks.mjs; it slows what it watches, so its run's figures are not the bench's.
    const profileFile = process.env.BENCH_PROFILE;
    const profiler = profileFile ? await page.context().newCDPSession(page) : null;
    if (profiler) {
      process.env.BENCH_PROFILE = '';
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.send('Profiler.start');
    }
    // Live changes: docker network connect, then its row on the page; the longest task while it is drawn.
    const longestChangeTaskMs: number[] = [];
    const connectToDrawnMs: number[] = [];
    const connectToMessageMs: number[] = [];
    const messageBytes: number[] = [];
    for (const { container, network } of connectTargets) {
      const before = await page.evaluate(() => performance.now());
      await page.evaluate(() => ((window as unknown as { __messages: unknown[] }).__messages.length = 0));
      await armDrawnWatch(page, `endpoint-row-${container}-${network}`);
      await run('docker', ['network', 'connect', network, container], { env: { ...process.env, ...dockerEnv } });
      const returned = Date.now();
      connectToDrawnMs.push((await drawnAt(page)) - returned);
      // The first Topology (whole, or a patch) after the change: the one that carries it.
      const message = await page.evaluate(() =>
        (window as unknown as { __messages: Array<{ at: number; bytes: number; text: string }> }).__messages.find((m) =>
          /^\{"event":"topology(Patch)?"/.test(m.text),
        ),
      );
      if (message) {
        connectToMessageMs.push(message.at - returned);
        messageBytes.push(message.bytes);
      }
      await page.waitForTimeout(300);
      longestChangeTaskMs.push(
        await page.evaluate(
          (since) =>
            Math.max(
              0,
              ...(window as unknown as { __tasks: Array<{ start: number; duration: number }> }).__tasks
                .filter((t) => t.start >= since)
                .map((t) => t.duration),
            ),
          before,
        ),
      );
    }
    if (profiler && profileFile) writeFileSync(profileFile, JSON.stringify((await profiler.send('Profiler.stop')).profile));
    return { settledMs, longestLoadTaskMs, longestChangeTaskMs, connectToDrawnMs, connectToMessageMs, messageBytes };
  } finally {
    await browser.close();
    // Connected again on the next run of a kept host (BENCH_REUSE=1), which Docker refuses while they are still on.
    for (const { container, network } of connectTargets)
      await run('docker', ['network', 'disconnect', network, container], { env: { ...process.env, ...dockerEnv } }).catch(() => {});
  }
}
