/**
 * 100 containers over four networks (some on two): every node and every
 * endpoint label is drawn, and no two of them overlap.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cleanup, createNetwork, TEST_IMAGE, TEST_LABEL } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

const run = promisify(execFile);
const COUNT = 100;
const NETWORKS = ['scale-a', 'scale-b', 'scale-c', 'scale-d'];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cleanup();
  NETWORKS.forEach((name, i) => createNetwork(name, `10.25${i}.0.0/24`));
  const names = Array.from({ length: COUNT }, (_, i) => `s${String(i).padStart(3, '0')}`);
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map(async (name, j) => {
        const index = i + j;
        await run('docker', ['create', '--label', TEST_LABEL, '--name', name, '--network', NETWORKS[index % 4]!, TEST_IMAGE]);
        if (index % 10 === 0) await run('docker', ['network', 'connect', NETWORKS[(index + 1) % 4]!, name]);
        await run('docker', ['start', name]);
      }),
    );
  }
});
test.afterAll(cleanup);

test('stays readable at 100 containers: no labels or nodes overlap', async ({ app }) => {
  test.setTimeout(120_000);
  await app.waitForGraph();
  await expect(app.page.locator('.react-flow__node-container')).toHaveCount(COUNT, { timeout: 20_000 });
  await expect(app.page.locator('.edge-label')).toHaveCount(COUNT + COUNT / 10);
  await app.fitView();
  await app.screenshot('scale-100');
  const boxes = await app.page.evaluate(() =>
    [...document.querySelectorAll('.react-flow__node, .edge-label')].map((element) => {
      const r = element.getBoundingClientRect();
      return { name: element.textContent?.slice(0, 40) ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5)
        overlaps.push(`${a.name} / ${b.name}`);
    }
  }
  expect(overlaps).toEqual([]);
});
