/**
 * The gestures as a new user meets them on a compose host (six projects, a
 * reverse proxy on every project's network, a sidecar started by hand in a
 * project container's namespace): what is drawn at first, reading it, the
 * keyboard, dragging, the layout, and a test as it runs. Each point is checked
 * on the page and kept as a screenshot; every change is checked with the
 * docker CLI.
 */
import { cleanup, docker, inspectJson, runContainer } from '../../tests/support/docker';
import { composeHostUp, composeName } from '../../tests/support/composeHost';
import { expect, test } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

const SHOP_WEB = composeName('shop', 'web');
const SHOP_API = composeName('shop', 'api');
const SIDECAR = 'nu-api-debug';
const SILENT = 'nu-silent';

type Networks = Record<string, { IPAddress: string }>;
const networksOf = (name: string) =>
  Object.keys(inspectJson<{ NetworkSettings: { Networks: Networks } }>('container', name).NetworkSettings.Networks).sort();

test.beforeAll(() => {
  test.setTimeout(180_000);
  cleanup();
  composeHostUp();
  // A debug shell in the api's namespace, started by hand: drawn beside the api, not with what was started by hand.
  runContainer(SIDECAR, ['--network', `container:${SHOP_API}`]);
  // A web server whose /cgi-bin/slow never answers: a test of that path runs for the HTTP step's whole time limit.
  const slowServer =
    'mkdir -p /www/cgi-bin && printf "#!/bin/sh\\nsleep 60\\n" > /www/cgi-bin/slow && chmod +x /www/cgi-bin/slow && exec httpd -f -p 80 -h /www';
  runContainer(SILENT, ['--network', 'shop_backend'], ['sh', '-c', slowServer]);
});
test.afterAll(cleanup);

/** Box of a locator on screen (it must be drawn). */
async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} is not drawn`);
  return found;
}

/** Text cut short by its box (an ellipsis, or lines clamped): the element's content is wider or taller than it is. */
const cutShort = (locator: Locator) =>
  locator.evaluateAll((elements) =>
    elements.filter((e) => e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight).map((e) => e.textContent),
  );

/** The first word of a command drawn across two lines, or null (a command wrapped only between its arguments). */
const brokenWord = (locator: Locator) =>
  locator.evaluate((element) => {
    for (const word of element.querySelectorAll('.command-word')) {
      const range = document.createRange();
      range.selectNodeContents(word);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) return word.textContent;
    }
    return null;
  });

const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '');

test('the first view reads: group names large enough, joins between projects drawn, no name cut short, the sidecar beside its container', async ({
  app,
}) => {
  const page = app.page;
  await app.waitForGraph();
  await app.viewSettled();
  await app.screenshot('new-user-first-view');

  // Group names at least 14 px on screen at the first view (they grow as the view zooms out).
  for (const title of ['shop', 'auth', 'chat', 'proxy', 'started by hand']) {
    const name = app.group(title).locator('.frame-name');
    expect((await box(name)).height, `${title}'s name on screen`).toBeGreaterThanOrEqual(14);
  }

  // The proxy's wires into the other projects: a visible line on screen (2 px or more, nearly opaque, not hairlines).
  const joins = page.locator('.wire-edge.cross-frame');
  expect(await joins.count()).toBeGreaterThanOrEqual(5);
  const look = await joins.first().evaluate((path) => {
    const style = getComputedStyle(path);
    return { width: parseFloat(style.strokeWidth), opacity: parseFloat(style.opacity), scaling: style.getPropertyValue('vector-effect') };
  });
  expect(look.scaling).toBe('non-scaling-stroke');
  expect(look.width).toBeGreaterThanOrEqual(2);
  expect(look.opacity).toBeGreaterThanOrEqual(0.85);

  // Every container's name whole at the first view (far out, a long name takes two lines); a card on several
  // networks says how many when its rows are too small to draw, so the proxy's tall card is not blank.
  expect(await cutShort(page.locator('.container-name'))).toEqual([]);
  const traefik = app.container(composeName('proxy', 'traefik'));
  if (/\blod-far\b/.test((await traefik.getAttribute('class')) ?? ''))
    await expect(page.getByTestId(`far-summary-${composeName('proxy', 'traefik')}`)).toHaveText('on 6 networks');
  else await expect(traefik.getByText('auth_default')).toBeVisible();

  // The sidecar is in shop's frame, next to the api whose namespace it shares, and says whose.
  const [api, sidecar, shop, hand] = await Promise.all([
    box(app.container(SHOP_API)),
    box(app.container(SIDECAR)),
    box(app.group('shop')),
    box(app.group('started by hand')),
  ]);
  expect(sidecar.x).toBeGreaterThanOrEqual(shop.x);
  expect(sidecar.x + sidecar.width).toBeLessThanOrEqual(shop.x + shop.width);
  expect(Math.hypot(sidecar.x - api.x, sidecar.y - api.y)).toBeLessThan(api.width * 2);
  await expect(app.container(SIDECAR)).toContainText(`in ${SHOP_API}’s network namespace`);
  // What was started by hand no longer takes a large part of the picture.
  const canvas = await box(page.getByTestId('graph'));
  expect((hand.width * hand.height) / (canvas.width * canvas.height)).toBeLessThan(0.2);

  // Zoomed in to read rows: no container name, network name or MAC cut short.
  await app.search('monitor');
  await page.getByRole('searchbox', { name: 'Filter by container or network name' }).press('Enter');
  await app.viewSettled();
  await app.zoomInUntilRowsShow(app.container(composeName('monitor', 'alertmanager')));
  await expect(app.container(composeName('monitor', 'alertmanager'))).toHaveClass(/lod-near/);
  expect(await cutShort(page.locator('.container-name'))).toEqual([]);
  expect(await cutShort(page.locator('.endpoint-network'))).toEqual([]);
  expect(await cutShort(page.locator('.endpoint-detail'))).toEqual([]);
  await app.screenshot('new-user-rows');
  await app.search('');
});

test('by keyboard alone: find a container, test it, apply the fix, in at most 10 keys plus typing; every key is listed', async ({
  app,
}) => {
  const page = app.page;
  await app.waitForGraph();
  await app.viewSettled();
  let keys = 0;
  const press = async (key: string) => {
    keys += 1;
    await page.keyboard.press(key);
  };

  // / to the filter, the container's name, Enter: focus is on its card (a key acts on it next).
  await press('/');
  await page.keyboard.type('shop web');
  await press('Enter');
  await expect(app.container(SHOP_WEB)).toBeFocused();
  // T: the test opens with focus in Target; the name the card shows (the service db), Enter runs it.
  await press('t');
  await expect(app.testPanel.getByLabel('Target')).toBeFocused();
  await page.keyboard.type('db');
  await press('Enter');
  await expect(app.testPanel.getByTestId('test-verdict')).toContainText('The test failed', { timeout: 15_000 });
  // The diagnosis names the other network, and focus is on its fix: Enter applies it and tests again.
  await expect(app.testPanel.getByTestId('diagnosis-name-on-other-network')).toBeVisible();
  await expect(app.testPanel.getByTestId('test-fix')).toBeFocused();
  await press('Enter');
  await expect(app.testPanel.getByTestId('test-verdict')).toContainText('Every step passed', { timeout: 15_000 });
  expect(networksOf(SHOP_WEB)).toEqual(['shop_backend', 'shop_default']);
  expect(keys).toBeLessThanOrEqual(10);

  // Escape from the panel closes it and gives focus back to the card.
  await page.keyboard.press('Escape');
  await expect(app.testPanel).toHaveCount(0);
  await expect(app.container(SHOP_WEB)).toBeFocused();

  // The palette offers the focused container's own actions, not only the global ones.
  await page.keyboard.press('Control+k');
  const palette = page.getByTestId('command-palette');
  await expect(palette.getByRole('option', { name: new RegExp(`^Connect ${SHOP_WEB} to a network`) })).toBeVisible();
  await expect(palette.getByRole('option', { name: new RegExp(`^Disconnect ${SHOP_WEB} from shop_backend`) })).toBeVisible();
  await page.keyboard.press('Escape');

  // Escape with the inspector open closes it too.
  await expect(app.inspector).toBeVisible();
  await app.inspector.getByRole('button').first().focus();
  await page.keyboard.press('Escape');
  await expect(app.inspector).toHaveCount(0);

  // Right from a network's bus goes to the containers on it.
  await app.search('shop');
  await app.network('shop_backend').click({ position: { x: 40, y: 10 } });
  await app.network('shop_backend').focus();
  await page.keyboard.press('ArrowRight');
  const onBackend = await focusedTestId(page);
  expect(onBackend).toMatch(/^container-/);
  expect(networksOf(onBackend.slice('container-'.length))).toContain('shop_backend');
  await app.search('');

  // ? lists the keys.
  await page.locator('.graph-keys').focus();
  await page.keyboard.press('?');
  const list = page.getByTestId('keys-dialog');
  await expect(list).toBeVisible();
  for (const key of ['/', 'T', 'C', 'Delete', 'Ctrl+K', 'Escape'])
    await expect(list.locator('kbd', { hasText: key }).first()).toBeVisible();
  await app.screenshot('new-user-keys');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);

  docker('network', 'disconnect', 'shop_backend', SHOP_WEB);
});

test('dragging is discoverable: a card says it can be dragged, and a dragged card lets what is under it show', async ({ app }) => {
  const page = app.page;
  await app.waitForGraph();
  await app.viewSettled();
  const mail = app.container(composeName('auth', 'mail'));
  const card = await box(mail);
  await page.mouse.move(card.x + 60, card.y + 12);
  const cue = page.locator('.react-flow__node-container:hover > .drag-cue');
  await expect(cue).toHaveText('drag onto a network to connect');
  expect((await box(cue)).height, 'the cue on screen').toBeGreaterThanOrEqual(14);
  await app.screenshot('new-user-drag-cue');

  const bus = await box(app.network('auth_backend'));
  await page.mouse.down();
  await page.mouse.move(bus.x + bus.width / 2, bus.y + bus.height / 2, { steps: 12 });
  const dragged = page.locator('.react-flow__node-container.dragging');
  await expect(dragged).toHaveCount(1);
  expect(Number(await dragged.evaluate((node) => getComputedStyle(node).opacity))).toBeLessThan(0.8);
  await page.mouse.move(card.x + 60, card.y + 12, { steps: 6 });
  await page.mouse.up();
  await expect(app.dialog('connect-dialog')).toHaveCount(0);
});

test('the connect dialog’s command wraps between its words', async ({ app }) => {
  const page = app.page;
  await app.waitForGraph();
  await app.select(app.container(composeName('monitor', 'node-exporter')));
  await page.keyboard.press('c');
  const dialog = app.dialog('connect-dialog');
  await dialog.getByLabel('Network', { exact: true }).selectOption({ label: 'shop_backend' });
  await dialog.getByLabel('Aliases').fill('a-rather-long-alias-for-the-exporter, another-long-alias-name');
  const command = dialog.locator('.command-preview code');
  await expect(command).toContainText('docker network connect');
  expect(await command.locator('.command-word').count()).toBeGreaterThan(5);
  expect(await brokenWord(command)).toBeNull();
  await app.screenshot('new-user-connect-command');
  await page.keyboard.press('Escape');
});

test('a test under way marks where it runs from, its target, and the wires it may cross; Tidy says what it did', async ({ app }) => {
  const page = app.page;
  await app.waitForGraph();
  await app.viewSettled();
  await app.select(app.container(SHOP_API));
  await page.keyboard.press('t');
  await app.testPanel.getByLabel('Target').fill(SILENT);
  await app.testPanel.getByLabel('HTTP path').fill('/cgi-bin/slow');
  await app.testPanel.getByLabel('Target').press('Enter');
  await expect(page.getByTestId('test-end-from')).toHaveText('testing from here');
  await expect(page.getByTestId('test-end-target')).toHaveText('test target');
  await expect(app.container(SHOP_API)).toHaveClass(/test-end-from/);
  await expect(app.container(SILENT)).toHaveClass(/test-end-target/);
  expect(await page.locator('.wire-edge.path-testing').count()).toBeGreaterThanOrEqual(2);
  await app.screenshot('new-user-test-under-way');
  await app.testPanel.getByTestId('test-cancel').click();
  await expect(page.getByTestId('test-end-target')).toHaveCount(0);
  await expect(page.locator('.wire-edge.path-testing')).toHaveCount(0);
  await app.testPanel.getByRole('button', { name: 'Close the test' }).click();

  await page.getByRole('button', { name: 'Tidy' }).click();
  await expect(app.toast(/Laid out again: \d+ items? moved\.|Already tidy: nothing needed to move\./)).toBeVisible();
});
