/**
 * Wiring a --network none container by hand from the graph: the dialog
 * proposes the seed's steps, they tick off as the helper completes them, the
 * hand-made wire appears, a test from it passes, and unwiring removes it.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, createNetwork, inspectJson, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

test.beforeAll(() => {
  cleanup();
  createNetwork('w-net', '10.214.0.0/24');
  runContainer('w-peer', ['--network', 'w-net']);
  runContainer('w-none', ['--network', 'none']);
});
test.afterAll(cleanup);

test('the wiring dialog wires a --network none container, step by step, and unwiring removes it', async ({ app }) => {
  await app.waitForGraph();
  await app.rightClick(app.container('w-none'));
  await app.contextMenu.getByRole('menuitem', { name: 'Wire w-none to a bridge by hand…' }).click();
  const dialog = app.page.getByTestId('wire-dialog');
  await dialog
    .getByLabel('Bridge')
    .selectOption({ label: `w-net (br-${inspectJson<{ Id: string }>('network', 'w-net').Id.slice(0, 12)}, 10.214.0.0/24)` });
  await dialog.getByLabel('Host-side veth name').fill('dwE2E');
  await expect(dialog.getByTestId('wire-step-0')).toContainText('ip link add dwE2E type veth peer name B');
  await expect(dialog.getByTestId('wire-step-6')).toContainText('ip addr add 10.214.0.254/24 dev eth0');
  await expect(dialog.getByTestId('wire-step-7')).toContainText('ip route add default via 10.214.0.1');
  await dialog.getByRole('button', { name: 'Wire' }).click();
  await expect(dialog.getByTestId('wire-done')).toHaveText(/^Wired w-none to w-net \(bridge br-[0-9a-f]{12}\) by hand\.$/);
  for (let step = 0; step < 8; step++) await expect(dialog.getByTestId(`wire-step-${step}`)).toHaveClass(/done/);
  // The steps shown are the ones carried out, not a new proposal.
  await expect(dialog.getByTestId('wire-step-6')).toContainText('ip addr add 10.214.0.254/24 dev eth0');
  await app.screenshot('wire-dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(app.handWiredLabel('w-none', 'w-net')).toContainText('dwE2E ↔ eth0');
  await expect(app.handWiredLabel('w-none', 'w-net')).toContainText('10.214.0.254/24');
  expect(execFileSync('ip', ['-o', 'link', 'show', 'dwE2E'], { encoding: 'utf8' })).toContain('master br-');

  await app.select(app.container('w-none'));
  await app.page.keyboard.press('t');
  const panel = app.page.getByTestId('test-panel');
  await panel.getByLabel('Target').fill('w-peer');
  await panel.getByLabel('Target').press('Enter');
  await expect(panel.getByTestId('step-ping')).toHaveClass(/pass/, { timeout: 10_000 });
  await panel.getByRole('button', { name: 'Close the test' }).click();

  await app.handWiredLabel('w-none', 'w-net').click({ button: 'right' });
  await app.contextMenu.getByRole('menuitem', { name: 'Unwire eth0 from w-none…' }).click();
  await app.dialog('confirm-dialog').getByRole('button', { name: 'Unwire' }).click();
  await expect(app.handWiredLabel('w-none', 'w-net')).toHaveCount(0);
  await expect(app.container('w-none')).toContainText('isolated: only lo');
});

test('Shift-dropping a container on a bridge opens the wiring dialog for that bridge', async ({ app }) => {
  await app.waitForGraph();
  await app.dragContainerOnto('w-none', 'w-net', true);
  const dialog = app.page.getByTestId('wire-dialog');
  await expect(dialog).toContainText('Wire w-none to a bridge by hand');
  await expect(dialog.getByTestId('wire-step-1')).toContainText(
    `master br-${inspectJson<{ Id: string }>('network', 'w-net').Id.slice(0, 12)}`,
  );
  await dialog.getByLabel('Address').press('Escape');
  await expect(dialog).toBeHidden();
});
