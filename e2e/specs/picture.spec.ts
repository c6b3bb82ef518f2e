/**
 * The picture of a host laid out the way people run them (six compose
 * projects made with real docker-compose, a reverse proxy on every project's
 * network, containers started by hand, one stopped): the first view, with no
 * click, must read: every container's name at 9 px or more on screen, nothing
 * overlapping, each project in its own frame.
 */
import { cleanup } from '../../tests/support/docker';
import { BY_HAND, COMPOSE_PROJECTS, composeHostUp, composeName } from '../../tests/support/composeHost';
import { expect, test } from '../fixtures';
import type { Page } from '@playwright/test';

const ALL = [
  ...Object.entries(COMPOSE_PROJECTS).flatMap(([project, services]) => Object.keys(services).map((s) => composeName(project, s))),
  ...BY_HAND,
];

test.beforeAll(() => {
  test.setTimeout(180_000);
  cleanup();
  composeHostUp();
});
test.afterAll(cleanup);

/** Each node's box on screen, and each container name's size in pixels as drawn. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const box = (element: Element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const scaleOf = (element: HTMLElement) => element.getBoundingClientRect().width / element.offsetWidth;
    // Where the text wraps to a new line other than after a hyphen or a space ("alertmanage|r"), or null.
    const brokenInsideAWord = (element: HTMLElement) => {
      const text = element.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) return null;
      const value = text.textContent ?? '';
      const range = document.createRange();
      const topOf = (index: number) => {
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect().top;
      };
      for (let i = 1; i < value.length; i++) {
        if (topOf(i) > topOf(i - 1) + 1 && !/[-\s]/.test(value[i - 1]!) && value[i] !== ' ')
          return `${value.slice(0, i)}|${value.slice(i)}`;
      }
      return null;
    };
    return {
      cards: [...document.querySelectorAll<HTMLElement>('.react-flow__node-container, .react-flow__node-network')].map((node) => ({
        id: node.dataset.id ?? '',
        ...box(node),
      })),
      frames: [...document.querySelectorAll<HTMLElement>('.react-flow__node-frame')].map((node) => ({
        id: node.dataset.id ?? '',
        ...box(node),
      })),
      names: [...document.querySelectorAll<HTMLElement>('.react-flow__node-container')].map((node) => {
        const name = node.querySelector<HTMLElement>('.container-name')!;
        return {
          testId: node.querySelector('[data-testid^="container-"]')?.getAttribute('data-testid') ?? '',
          px: parseFloat(getComputedStyle(name).fontSize) * scaleOf(node),
          brokenAt: brokenInsideAWord(name),
        };
      }),
    };
  });
}

type Box = { id: string; x: number; y: number; w: number; h: number };
const overlapping = (boxes: Box[]) => {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5) found.push(`${a.id} / ${b.id}`);
    }
  return found;
};

test('the first view of a compose host reads with no click: every name at 9 px or more, nothing overlapping, a frame per project', async ({
  app,
}) => {
  await app.waitForGraph();
  for (const name of ALL) await expect(app.container(name)).toBeVisible({ timeout: 15_000 });
  for (const project of Object.keys(COMPOSE_PROJECTS)) await expect(app.group(project)).toBeVisible();
  await expect(app.group('started by hand')).toContainText('4 containers (1 stopped)');
  // The service name is what reads: shop's web, not shop_web_1 (which is written under it).
  await expect(app.container(composeName('shop', 'web')).locator('.container-name')).toHaveText('web');
  await app.viewSettled();
  const { cards, frames, names } = await measure(app.page);
  expect(names).toHaveLength(ALL.length);
  for (const { testId, px } of names) expect(px, `${testId} drawn at ${px.toFixed(1)} px`).toBeGreaterThanOrEqual(9);
  // A name wraps only after a hyphen or a space, never inside a word.
  expect(names.filter((n) => n.brokenAt).map((n) => `${n.testId}: ${n.brokenAt}`)).toEqual([]);
  expect(overlapping(cards)).toEqual([]);
  expect(overlapping(frames)).toEqual([]);
  await app.screenshot('compose-host');
});

test('a project collapses to one tile with its counts, its wires bundled, and expands again', async ({ app }) => {
  await app.waitForGraph();
  await app.page.getByRole('button', { name: 'Collapse shop' }).click();
  const tile = app.group('shop');
  await expect(tile).toContainText('5 running · 2 networks');
  await expect(app.container(composeName('shop', 'web'))).toBeHidden();
  // The proxy's wire to shop_default now ends on the tile.
  await expect(app.page.locator('.react-flow__edge .wire-edge.bundled').first()).toBeAttached();
  await app.screenshot('collapsed-group');
  await app.page.getByRole('button', { name: 'Expand shop' }).click();
  await expect(app.container(composeName('shop', 'web'))).toBeVisible();
});

test('every project collapsed: no bundle between two tiles runs across a third tile', async ({ app }) => {
  await app.waitForGraph();
  const collapse = app.page.getByRole('button', { name: /^Collapse / });
  while ((await collapse.count()) > 0) await collapse.first().click();
  await app.viewSettled();
  // Each tile-to-tile bundle, sampled along its drawn path, against every tile's box on screen but its own two ends.
  const crossings = await app.page.evaluate(() => {
    const tiles = [...document.querySelectorAll('.react-flow__node')].filter((node) => node.querySelector('.frame-tile'));
    const boxOf = new Map(tiles.map((tile) => [(tile as HTMLElement).dataset.id!, tile.getBoundingClientRect()]));
    const found: string[] = [];
    let bundles = 0;
    for (const edge of document.querySelectorAll('.react-flow__edge')) {
      // A bundle's id is bundle:SOURCE:TARGET, and group ids hold colons themselves.
      const id = edge.getAttribute('data-testid')?.replace(/^rf__edge-/, '') ?? '';
      const ends = [...boxOf.keys()].flatMap((s) => [...boxOf.keys()].map((t) => [s, t] as const));
      const [source, target] = ends.find(([s, t]) => id === `bundle:${s}:${t}`) ?? [];
      if (!source || !target) continue;
      bundles++;
      const path = edge.querySelector('path.react-flow__edge-path') as SVGPathElement;
      const toScreen = path.getScreenCTM()!;
      for (let i = 1; i < 40; i++) {
        const at = path.getPointAtLength((path.getTotalLength() * i) / 40).matrixTransform(toScreen);
        for (const [id, box] of boxOf) {
          const inside = at.x > box.left + 2 && at.x < box.right - 2 && at.y > box.top + 2 && at.y < box.bottom - 2;
          if (id !== source && id !== target && inside) found.push(`${source} -> ${target} crosses ${id}`);
        }
      }
    }
    return { bundles, crossing: [...new Set(found)] };
  });
  expect(crossings.bundles).toBeGreaterThan(0);
  expect(crossings.crossing).toEqual([]);
  await app.screenshot('collapsed-all');
});

test('zoomed in, each row shows its wire: the veth pair and MAC; zoomed out, the names alone, large', async ({ app }) => {
  await app.waitForGraph();
  const web = app.container(composeName('shop', 'web'));
  await app.search('shop_web');
  await app.page.getByRole('searchbox', { name: 'Filter by container or network name' }).press('Enter');
  await app.viewSettled();
  await expect(web.locator('.endpoint-detail').first()).toBeVisible();
  await expect(web.locator('.endpoint-detail').first()).toContainText(/veth[0-9a-f]{7} ↔ eth0 · 02:42:/);
  await app.screenshot('compose-detail');
  await app.search('');
  for (let i = 0; i < 8; i++) await app.page.getByRole('button', { name: 'Zoom Out' }).click();
  await expect(web.locator('.endpoint-detail').first()).toBeHidden();
  await expect(web).toHaveClass(/lod-far/);
});
