/**
 * An accessibility audit with axe-core of every main view a person works in:
 * the graph, the inspector, each dialog, the menu and palette, the test panel
 * and all pairs (the snapshot views are audited in snapshots.spec.ts). No serious or critical violation is allowed; the
 * failure lists each rule with the elements it found.
 */
import { cleanup, createNetwork, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';
import type { GraphPage } from '../pages/GraphPage';
import { audit as auditPage } from '../support/audit';

test.beforeAll(() => {
  cleanup();
  createNetwork('a-app', '10.218.0.0/24');
  createNetwork('a-db', '10.219.0.0/24');
  runContainer('a-client', ['--network', 'a-app']);
  runContainer('a-web', ['--network', 'a-app'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('a-store', ['--network', 'a-db']);
  runContainer('a-none', ['--network', 'none']);
});
test.afterAll(cleanup);

const audit = (app: GraphPage, what: string, selector?: string) => auditPage(app.page, what, selector);

test('the graph with the inspector open', async ({ app }) => {
  await app.waitForGraph();
  await audit(app, 'graph');
  await app.select(app.container('a-client'));
  await expect(app.inspector).toContainText('a-client');
  await audit(app, 'graph and inspector');
  await app.endpointLabel('a-client', 'a-app').click();
  await expect(app.inspector).toContainText('MAC');
  await audit(app, 'endpoint inspector', '[data-testid="inspector"]');
});

test('each dialog, the context menu and the command palette', async ({ app }) => {
  await app.waitForGraph();
  await app.dragContainerOnto('a-client', 'a-db');
  await expect(app.dialog('connect-dialog')).toBeVisible();
  await app.dialog('connect-dialog').getByLabel('IPv4 address').fill('10.99.0.5');
  await expect(app.dialog('connect-dialog').getByTestId('dialog-problems')).toBeVisible();
  await audit(app, 'connect dialog with a problem', '[data-testid="connect-dialog"]');
  await app.page.keyboard.press('Escape');

  await app.select(app.container('a-store'));
  await app.page.keyboard.press('Delete');
  await expect(app.dialog('confirm-dialog')).toBeVisible();
  await audit(app, 'confirmation', '[data-testid="confirm-dialog"]');
  await app.page.keyboard.press('Escape');

  await app.page.getByRole('button', { name: 'New network' }).click();
  await expect(app.dialog('create-network-dialog')).toBeVisible();
  await audit(app, 'create network dialog', '[data-testid="create-network-dialog"]');
  await app.page.keyboard.press('Escape');

  await app.page.getByRole('button', { name: 'Run container' }).click();
  await expect(app.dialog('run-container-dialog')).toBeVisible();
  await audit(app, 'run container dialog', '[data-testid="run-container-dialog"]');
  await app.page.keyboard.press('Escape');

  await app.rightClick(app.container('a-none'));
  await expect(app.contextMenu).toBeVisible();
  await audit(app, 'context menu', '[data-testid="context-menu"]');
  await app.contextMenu.getByRole('menuitem', { name: 'Wire a-none to a bridge by hand…' }).click();
  await expect(app.page.getByTestId('wire-dialog')).toBeVisible();
  await audit(app, 'wiring dialog', '[data-testid="wire-dialog"]');
  await app.page.keyboard.press('Escape');

  await app.page.keyboard.press('Control+k');
  await expect(app.page.getByTestId('command-palette')).toBeVisible();
  await audit(app, 'command palette', '[data-testid="command-palette"]');
  await app.page.keyboard.press('Escape');
});

test('the test panel after a failed test, and all pairs with a cell opened', async ({ app }) => {
  await app.waitForGraph();
  const panel = await app.runFailingTest('a-client', 'a-store');
  await audit(app, 'test panel', '[data-testid="test-panel"]');
  await panel.getByRole('button', { name: 'Close the test' }).click();

  await app.rightClick(app.network('a-app'));
  await app.contextMenu.getByRole('menuitem', { name: 'Test all pairs on a-app' }).click();
  const dialog = app.page.getByTestId('all-pairs-dialog');
  await expect(dialog.getByTestId('all-pairs-progress')).toContainText('pairs tested', { timeout: 15_000 });
  await dialog.getByTestId('cell-a-web-a-client').getByRole('button').click();
  await expect(dialog.getByTestId('all-pairs-evidence')).toBeVisible();
  await audit(app, 'all pairs', '[data-testid="all-pairs-dialog"]');
});
