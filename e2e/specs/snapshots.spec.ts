/**
 * Snapshots on a compose host as people run them: save one, change the engine,
 * compare (what was added, removed as ghosts, changed), export the view as PNG
 * and SVG of the view's size, open a snapshot, and serve one with no engine at all.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { parseSnapshot } from '../../common/snapshot';
import { cleanup, docker, runContainer } from '../../tests/support/docker';
import { composeHostUp, composeName } from '../../tests/support/composeHost';
import { startServeProcess } from '../../tests/support/serve';
import { expect, test } from '../fixtures';
import { audit } from '../support/audit';

const SCREENSHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'dw-e2e-snap-'));
const saved = join(dir, 'before.json');

// One story in order: the file saved first is compared, opened and served after.
test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.setTimeout(180_000);
  cleanup();
  composeHostUp();
});
test.afterAll(cleanup);

/** How many containers the engine has, not counting Dockwire's own helper: what the page shows. */
function engineContainerCount(): number {
  const count = (...filter: string[]) =>
    docker('ps', '-aq', ...filter)
      .split('\n')
      .filter(Boolean).length;
  return count() - count('--filter', 'label=dockwire.helper.owner');
}

async function snapshotMenu(page: Page, item: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Snapshot ▾' }).click();
  await page.getByTestId('snapshot-menu').getByRole('menuitem', { name: item }).click();
}

async function downloaded(page: Page, item: string | RegExp): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), snapshotMenu(page, item)]);
  return download;
}

async function openFile(page: Page, item: string | RegExp, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), snapshotMenu(page, item)]);
  await chooser.setFiles(file);
}

test('save a snapshot, change the engine, compare: new and changed marked in place, what was removed drawn as a ghost', async ({ app }) => {
  const { page } = app;
  await app.waitForGraph();
  await expect(app.container(composeName('blog', 'redis'))).toBeVisible();
  // The snapshot is of what the engine has. When an earlier spec's cleanup had to restart the engine (Docker 20.10's
  // endpoint leak), containers Docker was removing at that moment were seen lingering in the page for a while, in
  // state "removing": wait until the page shows the engine's count.
  await expect(page.locator('.counts')).toHaveText(new RegExp(` · ${engineContainerCount()} containers$`), { timeout: 60_000 });

  const download = await downloaded(page, 'Save a snapshot of the engine (JSON)');
  expect(download.suggestedFilename()).toMatch(/^dockwire-.+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.json$/);
  await download.saveAs(saved);
  const snapshot = parseSnapshot(readFileSync(saved, 'utf8'), 'saved');
  expect(snapshot.containers.map((c) => c.name)).toContain(composeName('blog', 'redis'));

  // What happened overnight.
  docker('rm', '-f', composeName('blog', 'redis'));
  runContainer('shop-debug', ['--network', 'shop_default']);
  docker('network', 'disconnect', 'chat_default', composeName('proxy', 'traefik'));
  docker('stop', '-t', '0', composeName('monitor', 'grafana'));
  await expect(app.container(composeName('blog', 'redis'))).toBeHidden();
  await expect(app.container('shop-debug')).toBeVisible();

  await openFile(page, 'Compare the engine with a snapshot…', saved);
  const banner = page.getByTestId('compare-banner');
  await expect(banner).toContainText('Compared with before.json');
  await expect(page.getByTestId('compare-summary')).toHaveText('1 added, 2 removed, 2 changed');

  // The removed container is back as a ghost, in its project, marked; the new one and the changed ones are marked.
  const ghost = app.container(composeName('blog', 'redis'));
  await expect(ghost).toBeVisible();
  await expect(ghost).toHaveClass(/compare-removed/);
  await expect(app.containerMark(composeName('blog', 'redis'), 'removed')).toHaveText('removed');
  await expect(app.containerMark('shop-debug', 'added')).toHaveText('new');
  await expect(app.containerMark(composeName('monitor', 'grafana'), 'changed')).toBeVisible();
  const traefik = app.container(composeName('proxy', 'traefik'));
  await expect(traefik).toHaveClass(/compare-changed/);
  // The wire it lost is still drawn on it. Rows hide when zoomed far out, and the first fit of this host lands near
  // that band (0.52 on one page, well below 0.5 on a slightly taller one), so look closer, as a person would.
  await app.zoomInUntilRowsShow(traefik);
  await expect(app.endpointLabel(composeName('proxy', 'traefik'), 'chat_default')).toBeVisible();
  await expect(page.locator('.wire-edge.compare-removed')).not.toHaveCount(0);
  await expect(page.locator('.wire-edge.compare-added')).not.toHaveCount(0);
  await page.getByTestId('compare-summary').click();
  await expect(banner.locator('li')).toContainText([
    `- container ${composeName('blog', 'redis')} (dockwire-test/busybox:2, running) on blog_default`,
    '+ container shop-debug',
    `~ container ${composeName('monitor', 'grafana')}: state running -> exited`,
    // Stopped, it lost its address too.
    `~ ${composeName('monitor', 'grafana')} on monitor_default: ipv4 10.`,
    `- ${composeName('proxy', 'traefik')} left chat_default`,
  ]);
  await audit(page, 'compare banner with its changes open', '[data-testid="compare-banner"]');
  await page.getByTestId('compare-summary').click();
  // The picture as it stays once the "Saved" notice has gone.
  await expect(app.toast(/^Saved/)).toBeHidden({ timeout: 10_000 });
  await app.fitView();
  await app.screenshot('compare-snapshot');

  // A ghost says what it was and that nothing can be done to it, by inspector, menu and key.
  await app.select(ghost);
  await expect(page.getByTestId('since-snapshot')).toContainText(`- container ${composeName('blog', 'redis')}`);
  await expect(page.getByTestId('inspector-read-only')).toHaveText(
    `${composeName('blog', 'redis')} was removed since the snapshot: it is drawn as it was.`,
  );
  await expect(app.inspector.getByRole('button', { name: /Test connectivity/ })).toHaveCount(0);
  await app.rightClick(ghost);
  await expect(page.getByTestId('read-only-note')).toBeVisible();
  await expect(app.contextMenu.getByRole('menuitem')).toHaveCount(0);
  await page.keyboard.press('Escape');
  // A live container is still live: its menu offers what it always did.
  await app.rightClick(app.container('shop-debug'));
  await expect(app.contextMenu.getByRole('menuitem', { name: 'Remove shop-debug…' })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('back-to-live').click();
  await expect(banner).toBeHidden();
  await expect(app.container(composeName('blog', 'redis'))).toBeHidden();
  await expect(page.locator('[data-testid^="mark-"]')).toHaveCount(0);
});

test('export the view as PNG and SVG: valid files of the view’s size, drawn as on screen', async ({ app }) => {
  const { page } = app;
  await app.waitForGraph();
  await app.fitView();
  const view = await page.locator('.react-flow').evaluate((element) => ({
    width: element.clientWidth,
    height: element.clientHeight,
    ratio: window.devicePixelRatio,
  }));

  const png = await downloaded(page, 'Export the view as PNG');
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const pngFile = `${SCREENSHOTS}export-view.png`;
  await png.saveAs(pngFile);
  const bytes = readFileSync(pngFile);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([
    Math.round(view.width * view.ratio),
    Math.round(view.height * view.ratio),
  ]);
  // Not a blank picture: a fitted compose host has many colours.
  expect(bytes.length).toBeGreaterThan(20_000);

  const svg = await downloaded(page, 'Export the view as SVG');
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const svgText = readFileSync(await svg.path(), 'utf8');
  writeFileSync(`${SCREENSHOTS}export-view.svg`, svgText);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.nodeName,
      width: root.getAttribute('width'),
      height: root.getAttribute('height'),
    };
  }, svgText);
  expect(parsed).toEqual({ error: null, root: 'svg', width: String(view.width), height: String(view.height) });
  expect(svgText).toContain(composeName('shop', 'web'));
  expect(svgText).toContain('shop_default');
});

test('open a snapshot in the app: read-only, saying whose and when; a file that is not one is refused by name', async ({ app }) => {
  const { page } = app;
  await app.waitForGraph();
  const garbage = join(dir, 'compose.json');
  writeFileSync(garbage, JSON.stringify({ services: { web: { image: 'nginx' } } }));
  await openFile(page, 'Open snapshot…', garbage);
  await expect(app.toast(/compose\.json is not a Dockwire snapshot: it has no schemaVersion/)).toBeVisible();
  await expect(page.getByTestId('snapshot-banner')).toBeHidden();

  await openFile(page, 'Open snapshot…', saved);
  const banner = page.getByTestId('snapshot-banner');
  await expect(banner).toContainText('Snapshot before.json');
  await expect(banner).toContainText('Read-only: changes and tests are off');
  // The snapshot's redis, which the engine no longer has.
  await expect(app.container(composeName('blog', 'redis'))).toBeVisible();
  await expect(page.getByRole('button', { name: 'New network' })).toBeDisabled();
  await app.select(app.container(composeName('blog', 'redis')));
  await page.keyboard.press('Delete');
  await expect(app.toast(/This is a snapshot of .*: nothing can be changed or tested/)).toBeVisible();
  await expect(app.dialog('confirm-dialog')).toBeHidden();
  await page.getByTestId('back-to-live').click();
  await expect(banner).toBeHidden();
  await expect(app.container(composeName('blog', 'redis'))).toBeHidden();
});

test('dockwire serve --snapshot shows the file with no engine at all, under a banner naming the engine and the time', async ({ page }) => {
  const server = await startServeProcess(['--snapshot', saved], { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
  try {
    await page.goto(server.url);
    const banner = page.getByTestId('snapshot-banner');
    await expect(banner).toContainText('Snapshot');
    await expect(banner).toContainText(saved);
    const snapshot = parseSnapshot(readFileSync(saved, 'utf8'), 'saved');
    await expect(banner).toContainText(snapshot.engine.endpoint);
    await expect(banner).toContainText('dockwire serve --snapshot');
    await expect(page.getByTestId('back-to-live')).toHaveCount(0);
    await expect(page.getByTestId('status-banner')).toHaveCount(0);
    for (const c of snapshot.containers) await expect(page.getByTestId(`container-${c.name}`)).toBeAttached();
    await expect(page.getByTestId(`container-${composeName('blog', 'redis')}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run container' })).toBeDisabled();
    await page.getByRole('button', { name: 'Snapshot ▾' }).click();
    await expect(page.getByTestId('snapshot-menu').getByRole('menuitem')).toHaveText([
      'Save this snapshot (JSON)',
      'Export the view as PNG',
      'Export the view as SVG',
    ]);
    await audit(page, 'snapshot menu', '[data-testid="snapshot-menu"]');
    await page.keyboard.press('Escape');
    await audit(page, 'a served snapshot');
    await page.screenshot({ path: `${SCREENSHOTS}snapshot-served.png` });
  } finally {
    server.stop();
  }
});
