/** An engine with no containers shows what to do, not a blank canvas. */
import { cleanup, docker } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

test.beforeAll(() => {
  cleanup();
  // Dockwire's own helper container (label dockwire.helper) is not part of the graph.
  const others = docker('ps', '-a', '--format', '{{.ID}} {{.Label "dockwire.helper"}}')
    .split('\n')
    .filter((line) => line && !line.endsWith(' 1'))
    .join('\n');
  if (others)
    throw new Error(`the private test engine must start empty for this spec, but it holds containers: ${others.replace(/\n/g, ' ')}`);
});

test('no containers: a helpful empty state says how to add one; Docker’s idle networks are one click away', async ({ app }) => {
  await expect(app.emptyState).toBeVisible({ timeout: 15_000 });
  await expect(app.page.getByTestId('idle-networks')).toHaveText('show 3 idle networks');
  await expect(app.emptyState).toContainText('No containers on this engine yet');
  await expect(app.emptyState).toContainText('docker run');
  await app.screenshot('empty');
});
