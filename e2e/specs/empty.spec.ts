/** An engine with no containers shows what to do, not a blank canvas. */
import { cleanup, docker } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

test.beforeAll(() => {
  cleanup();
  const others = docker('ps', '-aq');
  if (others) throw new Error(`the private test engine must start empty for this spec, but it holds containers: ${others.replace(/\n/g, ' ')}`);
});

test('no containers: the networks are drawn and a helpful empty state says how to add one', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.emptyState).toBeVisible();
  await expect(app.emptyState).toContainText('No containers on this engine yet');
  await expect(app.emptyState).toContainText('docker run');
  await app.screenshot('empty');
});
