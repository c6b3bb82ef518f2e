/**
 * 500 containers started by hand over ten networks. The first view cannot show
 * 500 names readably, so it starts with the groups (one per network, on a host
 * this big) collapsed, says so, and each tile reads; a group expanded shows its
 * fifty cards with nothing overlapping.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { askWarm } from '../../backend/cli/warmTopology';
import { privateSocketDir, warmSocketPath } from '../../backend/util/privateSocket';
import { cleanup, createNetwork, TEST_IMAGE, TEST_LABEL } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

const run = promisify(execFile);
const COUNT = 500;
const NETWORKS = Array.from({ length: 10 }, (_, i) => `scale-${i}`);

test.beforeAll(async () => {
  test.setTimeout(600_000);
  cleanup();
  NETWORKS.forEach((name, i) => createNetwork(name, `10.${150 + i}.0.0/22`));
  const names = Array.from({ length: COUNT }, (_, i) => `s${String(i).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(
      names.slice(i, i + 10).map(async (name, j) => {
        const index = i + j;
        await run('docker', [
          'run',
          '-d',
          '--label',
          TEST_LABEL,
          '--name',
          name,
          '--network',
          NETWORKS[index % NETWORKS.length]!,
          TEST_IMAGE,
        ]);
        if (index % 25 === 0) await run('docker', ['network', 'connect', NETWORKS[(index + 1) % NETWORKS.length]!, name]);
      }),
    );
  }
});
test.afterAll(cleanup);

test('500 containers: the first view starts collapsed, says so, every tile readable; an expanded group has nothing overlapping', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await app.waitForGraph();
  await expect(app.page.getByTestId('collapsed-notice')).toHaveText(/^10 groups collapsed/, { timeout: 20_000 });
  const tiles = app.page.locator('.frame-tile');
  await expect(tiles).toHaveCount(10);
  await app.viewSettled();
  const titles = await tiles.evaluateAll((elements) =>
    elements.map((tile) => {
      const title = tile.querySelector<HTMLElement>('.tile-title span')!;
      return parseFloat(getComputedStyle(title).fontSize) * (tile.getBoundingClientRect().width / (tile as HTMLElement).offsetWidth);
    }),
  );
  for (const px of titles) expect(px).toBeGreaterThanOrEqual(12);
  // Each tile's name reads whole: what tells the groups apart is not cut off.
  const cut = await tiles.evaluateAll((elements) =>
    elements
      .map((tile) => tile.querySelector<HTMLElement>('.tile-title span')!)
      .filter((title) => title.scrollWidth > title.clientWidth)
      .map((title) => title.textContent),
  );
  expect(cut).toEqual([]);
  await expect(app.group('by hand · scale-3').locator('.tile-title')).toHaveText(/^▸\s*scale-3$/);
  await expect(app.group('by hand · scale-3')).toContainText('50 running · ');
  await app.screenshot('scale-500');

  await app.page.getByRole('button', { name: 'Expand by hand · scale-3' }).click();
  // Off-screen nodes are not drawn on a host this big: frame the group's network to see all fifty.
  await app.search('scale-3');
  await app.page.getByRole('searchbox', { name: 'Filter by container or network name' }).press('Enter');
  await app.viewSettled();
  await expect(app.page.locator('.react-flow__node-container:visible')).toHaveCount(50);
  await app.screenshot('scale-500-group');
  const boxes = await app.page.locator('.react-flow__node-container:visible, .react-flow__node-network:visible').evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: (e as HTMLElement).dataset.id ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
        overlaps.push(`${a.id} / ${b.id}`);
    }
  expect(overlaps).toEqual([]);
});

// Scripts read the JSON contract through a pipe. The CLI once exited before a piped stdout had drained,
// so `dockwire topology --json | jq` got the first 64 KiB of an 845 KB document. A reader slower than the
// CLI makes the pipe fill: the whole document must still arrive, and parse.
// Both ways of answering are read so: from the running app's live model (the warm path: this spec's serve
// follows the engine) and afresh (--fresh, the cold path).
for (const [path, extra] of [
  ['warm', []],
  ['cold', ['--fresh']],
] as const) {
  // The app (its server in browser mode) answers warm once it has read the host and runs its helper.
  test(`500 containers: dockwire topology --json (${path}) through a slow pipe arrives whole`, async ({ app }) => {
    test.setTimeout(120_000);
    await app.waitForGraph();
    const socket = warmSocketPath(privateSocketDir(process.env, process.getuid!()), process.env.DOCKER_HOST!);
    await expect.poll(async () => (await askWarm(socket, process.env.DOCKER_HOST!)).ok, { timeout: 30_000 }).toBe(true);
    const cli = spawn(
      process.execPath,
      [new URL('../../bin/dockwire.js', import.meta.url).pathname, 'topology', '--json', '--timings', ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const chunks: Buffer[] = [];
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    cli.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      cli.stdout.pause();
      setTimeout(() => cli.stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((resolve) => cli.on('close', resolve));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(256 * 1024);
    const topology = JSON.parse(text) as { containers: { name: string }[] };
    expect(topology.containers.filter((c) => /^s\d{3}$/.test(c.name))).toHaveLength(COUNT);
    expect(code, stderr).toBe(0);
    // Which path answered, by its own account.
    expect(stderr.includes('ask the running Dockwire'), stderr).toBe(path === 'warm');
  });
}
