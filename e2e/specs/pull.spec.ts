/**
 * Run container with an image the engine does not have, as a new user tries it: the Run dialog pulls
 * it first from a real registry on loopback (behind a slow proxy, so the pull can be watched), with
 * a progress bar for the image and each layer, then runs it; Cancel mid-pull stops it and creates nothing.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, docker, runContainer } from '../../tests/support/docker';
import { pushImage, startRegistry, startSlowProxy, type Registry } from '../../tests/support/registry';
import { expect, test } from '../fixtures';
import { audit } from '../support/audit';

let registry: Registry;
let slow: Registry;
let runRef: string;
let cancelRef: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cleanup();
  runContainer('pull-neighbour', []);
  registry = await startRegistry(5000);
  slow = await startSlowProxy(5002, registry, 250_000);
  // Layers of their own (random padding): nothing of them is on the engine, so every byte is pulled.
  runRef = pushImage(registry, 'dockwire-test/busybox:e2e', { padBytes: 2 * 1024 * 1024 }).replace(registry.host, slow.host);
  cancelRef = pushImage(registry, 'dockwire-test/busybox:e2e-cancel', { padBytes: 2 * 1024 * 1024 }).replace(registry.host, slow.host);
});
test.afterAll(async () => {
  cleanup();
  for (const ref of [runRef, cancelRef]) if (ref) execFileSync('docker', ['rmi', '-f', ref], { stdio: 'ignore' });
  await slow?.stop();
  await registry?.stop();
});

const hasImage = (ref: string) => docker('images', '-q', ref) !== '';

test('Run pulls an image the engine does not have, with its progress, then runs it', async ({ app }) => {
  const { page } = app;
  await app.waitForGraph();
  await page.getByRole('button', { name: 'Run container' }).click();
  const dialog = app.dialog('run-container-dialog');
  await dialog.getByLabel('Image').fill(runRef);
  await expect(dialog).toContainText('not on this engine: Run pulls it first');
  await dialog.getByLabel('Name', { exact: true }).fill('pulled-web');
  await dialog.getByLabel('Labels').fill('dockwire.test=1');
  await expect(dialog.getByTestId('docker-run-command')).toContainText(`docker pull ${runRef} && docker run -d --name pulled-web`);
  await dialog.getByRole('button', { name: 'Run' }).click();

  const progress = dialog.getByTestId('pull-progress');
  await expect(progress).toBeVisible();
  // Midway: the image's bar and a layer downloading, with bytes.
  await expect(progress).toContainText(/Pulling 127\.0\.0\.1:5002\/dockwire-test\/busybox:e2e: ([3-8]\d)% · [\d.]+ [kM]B of 3\.\d MB/, {
    timeout: 20_000,
  });
  await expect(progress.locator('.pull-layers li')).toHaveCount(1);
  await expect(progress.locator('.pull-layers li')).toContainText(/[0-9a-f]{12}.*Downloading/);
  await app.screenshot('run-pull-progress');
  await audit(page, 'run dialog pulling', '[data-testid="run-container-dialog"]');

  await expect(app.toast(`Pulled ${runRef} and started pulled-web.`)).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toBeHidden();
  await expect(app.container('pulled-web')).toBeVisible();
  expect(hasImage(runRef)).toBe(true);
});

test('Cancel during the pull stops it: the dialog says so, no image, no container', async ({ app }) => {
  const { page } = app;
  await app.waitForGraph();
  await page.getByRole('button', { name: 'Run container' }).click();
  const dialog = app.dialog('run-container-dialog');
  await dialog.getByLabel('Image').fill(cancelRef);
  await dialog.getByLabel('Name', { exact: true }).fill('never-made');
  await dialog.getByRole('button', { name: 'Run' }).click();
  await expect(dialog.getByTestId('pull-progress')).toContainText('Downloading', { timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Cancel pull' }).click();
  await expect(dialog).toContainText(`Pull of ${cancelRef} cancelled: the engine stopped it; no container was created.`);
  // What was typed is still there, to try again.
  await expect(dialog.getByLabel('Image')).toHaveValue(cancelRef);
  expect(hasImage(cancelRef)).toBe(false);
  expect(docker('ps', '-a', '--filter', 'name=never-made', '--format', '{{.Names}}')).toBe('');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
