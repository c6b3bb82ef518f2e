/**
 * The three gestures by keyboard and by mouse, on a host laid out the way
 * people run them: key commands act on what has focus (never on an earlier
 * mouse selection the filter hides), focus is visible and comes back after a
 * dialog; a drop lands anywhere on a network (its bus, the space under it, a
 * collapsed group's tile) with a highlight, and a drag that is not allowed
 * opens nothing; the filter takes several terms and says when nothing matches.
 * Every change is checked with the docker CLI.
 */
import { cleanup, docker, inspectJson, runContainer } from '../../tests/support/docker';
import { composeHostUp, composeName } from '../../tests/support/composeHost';
import { expect, test } from '../fixtures';
import type { GraphPage } from '../pages/GraphPage';

type Networks = Record<string, { IPAddress: string }>;
const networksOf = (name: string) =>
  Object.keys(inspectJson<{ NetworkSettings: { Networks: Networks } }>('container', name).NetworkSettings.Networks).sort();
const exists = (name: string) => docker('ps', '-a', '--filter', `name=^${name}$`, '--format', '{{.Names}}') === name;

test.beforeAll(() => {
  test.setTimeout(180_000);
  cleanup();
  composeHostUp();
});
test.afterAll(cleanup);

const SEARCH = 'Filter by container or network name';

/** Tab from the filter box into the graph, then arrows until the element with this test id has focus. */
async function focusByKeys(app: GraphPage, testId: string): Promise<void> {
  const page = app.page;
  await page.getByRole('searchbox', { name: SEARCH }).focus();
  for (let i = 0; i < 10 && !(await page.evaluate(() => !!document.activeElement?.closest('.graph-keys'))); i++)
    await page.keyboard.press('Tab');
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'ArrowDown']) {
    if ((await focusedTestId()) === testId) break;
    await page.keyboard.press(key);
  }
  await expect(page.getByTestId(testId)).toBeFocused();
}

test('keys act on what has focus, not on an earlier selection the filter hides; focus is visible and comes back after dialogs', async ({
  app,
}) => {
  await app.waitForGraph();
  const page = app.page;
  const shopWeb = composeName('shop', 'web');
  const redis = composeName('blog', 'redis');
  await app.select(app.container(shopWeb));
  await expect(app.inspector).toContainText(shopWeb);

  // Two terms, both must match: blog's redis, not chat's redis nor blog's other services.
  await app.search('blog redis');
  await expect(app.container(redis)).toBeVisible();
  await expect(app.container(shopWeb)).toHaveCount(0);
  await expect(app.container(composeName('chat', 'redis'))).toHaveCount(0);
  await expect(app.container(composeName('blog', 'mysql'))).toHaveCount(0);

  await focusByKeys(app, `container-${redis}`);
  const card = app.container(redis);
  await expect(card).toHaveAttribute('aria-label', new RegExp(`^${redis}, running, on blog_default 10\\.201\\.0\\.\\d+$`));
  // The ring is drawn: a solid outline of some width.
  const outline = await card.evaluate((element) => getComputedStyle(element).outlineStyle + ' ' + getComputedStyle(element).outlineWidth);
  expect(outline).toMatch(/^solid [1-9]/);
  // Focus selected it: the inspector and every key now speak of blog's redis.
  await expect(app.inspector).toContainText(redis);
  await app.screenshot('keyboard-focus');

  await page.keyboard.press('Delete');
  const confirm = app.dialog('confirm-dialog');
  await expect(confirm).toContainText(`Remove ${redis}?`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot('keyboard-confirm-remove');
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(card).toBeFocused();
  expect(exists(redis)).toBe(true);
  expect(exists(shopWeb)).toBe(true);

  // C connects the focused container; focus comes back to it after the dialog.
  await page.keyboard.press('c');
  const connect = app.dialog('connect-dialog');
  await expect(connect).toContainText(`Connect ${redis} to a network`);
  await connect.getByLabel('Network', { exact: true }).selectOption({ label: 'chat_backend' });
  await connect.getByLabel('Network', { exact: true }).press('Enter');
  await expect(app.toast(`Connected ${redis} to chat_backend.`)).toBeVisible();
  expect(networksOf(redis)).toEqual(['blog_default', 'chat_backend']);
  await expect(card).toBeFocused();

  // Down enters its wires; Delete on a wire disconnects that wire, naming it.
  const row = app.endpointLabel(redis, 'chat_backend');
  for (let i = 0; i < 3 && !(await row.evaluate((element) => element === document.activeElement)); i++)
    await page.keyboard.press('ArrowDown');
  await expect(row).toBeFocused();
  // Its name says what it is, then what it shows (so a voice command can name it by what is on screen).
  await expect(row).toHaveAccessibleName(new RegExp(`^wire ${redis} – chat_backend 10\\.204\\.1\\.\\d+/24`));
  await page.keyboard.press('Delete');
  await expect(confirm).toContainText(`Disconnect ${redis} from chat_backend?`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.toast(`Disconnected ${redis} from chat_backend.`)).toBeVisible();
  expect(networksOf(redis)).toEqual(['blog_default']);

  // T tests from the focused container, whatever the mouse chose before.
  await focusByKeys(app, `container-${redis}`);
  await page.keyboard.press('t');
  await expect(page.getByTestId('test-panel').getByRole('heading')).toHaveText(`Test from ${redis}`);
  await page.getByTestId('test-panel').getByRole('button', { name: 'Close the test' }).click();
  await app.search('');
});

test('a container removed by keyboard is the one focused, after Cancel-first confirmation', async ({ app }) => {
  runContainer('kb-doomed', ['--network', 'blog_default']);
  await app.waitForGraph();
  await app.select(app.container(composeName('auth', 'keycloak')));
  await app.search('kb-doomed');
  await focusByKeys(app, 'container-kb-doomed');
  await app.page.keyboard.press('Delete');
  const confirm = app.dialog('confirm-dialog');
  await expect(confirm).toContainText('Remove kb-doomed?');
  await app.page.keyboard.press('Enter');
  // Enter on the focused Cancel does no harm.
  await expect(confirm).toBeHidden();
  expect(exists('kb-doomed')).toBe(true);
  await app.page.keyboard.press('Delete');
  await app.page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: /^Remove/ })).toBeFocused();
  await app.page.keyboard.press('Enter');
  // Removed as docker stop would: its sleep ignores SIGTERM, so Docker's 10 s grace runs out before the SIGKILL.
  await expect(app.toast(/Removed kb-doomed/)).toBeVisible({ timeout: 20_000 });
  expect(exists('kb-doomed')).toBe(false);
  expect(exists(composeName('auth', 'keycloak'))).toBe(true);
  await app.search('');
});

/** Presses on a container's title bar and moves to a point, holding the button. */
async function dragTo(app: GraphPage, container: string, to: { x: number; y: number }): Promise<void> {
  const from = (await app.container(container).boundingBox())!;
  await app.page.mouse.move(from.x + 50, from.y + 12);
  await app.page.mouse.down();
  await app.page.mouse.move(to.x, to.y, { steps: 15 });
}

test('a drop lands on a network anywhere under its bus, and on a collapsed group; the highlight says so', async ({ app }) => {
  await app.waitForGraph();
  await app.search('scratch shop');
  // Nothing is both "scratch" and "shop": the message says so and offers to clear.
  await expect(app.page.getByText('No match for “scratch shop”')).toBeVisible();
  await app.screenshot('filter-no-match');
  await app.page.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(app.page.getByRole('searchbox', { name: SEARCH })).toHaveValue('');
  await app.waitForGraph();

  // Under shop_backend's bus, between its containers' cards: not on the bus itself.
  const bus = (await app.network('shop_backend').boundingBox())!;
  const frame = (await app.group('shop').boundingBox())!;
  const under = { x: bus.x + bus.width - 8, y: Math.min(bus.y + bus.height + 30, frame.y + frame.height - 4) };
  await dragTo(app, 'scratch', under);
  await expect(app.network('shop_backend')).toHaveClass(/drop-ok/);
  await expect(app.page.getByTestId('drop-hint')).toHaveText('Let go to connect');
  await app.screenshot('drop-highlight');
  await app.page.mouse.up();
  const connect = app.dialog('connect-dialog');
  await expect(connect).toContainText('Connect scratch to shop_backend');
  await app.page.keyboard.press('Enter');
  await expect(app.toast('Connected scratch to shop_backend.')).toBeVisible();
  expect(networksOf('scratch')).toEqual(['bridge', 'shop_backend']);

  // A collapsed project's tile takes the drop for its default network.
  await app.page.getByRole('button', { name: 'Collapse monitor' }).click();
  const tile = app.group('monitor');
  const box = (await tile.boundingBox())!;
  await dragTo(app, 'netshoot', { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  await expect(tile).toHaveClass(/drop-ok/);
  await app.page.mouse.up();
  await expect(connect).toContainText('Connect netshoot to monitor_default');
  await app.page.keyboard.press('Enter');
  await expect(app.toast('Connected netshoot to monitor_default.')).toBeVisible();
  expect(networksOf('netshoot')).toEqual(['bridge', 'monitor_default']);
  // The change is brought into view as drawn: the tile, not the bus hidden in it (framing that lost the tile off-screen).
  await expect(tile).toBeInViewport();
  await expect(app.container('netshoot')).toBeInViewport();
  await app.page.getByRole('button', { name: 'Expand monitor' }).click();
});

test('a drag that is not allowed is marked so, and letting go opens nothing', async ({ app }) => {
  await app.waitForGraph();
  // A host-mode container shares the host's stack: it cannot join a network.
  const bus = (await app.network('blog_default').boundingBox())!;
  await dragTo(app, 'debug-host', { x: bus.x + bus.width / 2, y: bus.y + bus.height / 2 });
  await expect(app.network('blog_default')).toHaveClass(/drop-no/);
  await expect(app.page.getByTestId('drop-hint')).toContainText('Not allowed:');
  await app.screenshot('drop-not-allowed');
  await app.page.mouse.up();
  await expect(app.dialog('connect-dialog')).toBeHidden();
  await expect(app.dialog('confirm-dialog')).toBeHidden();
  expect(networksOf('debug-host')).toEqual(['host']);
});
