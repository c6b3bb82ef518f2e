/**
 * The daemon goes away: the window says which endpoint it tried and why, shows
 * "Reconnecting", keeps the last graph, and recovers by itself when the daemon is back.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, createNetwork, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

const engine = (action: 'start' | 'stop' | 'freeze' | 'thaw') => execFileSync('bash', ['scripts/engine.sh', action], { stdio: 'pipe' });

test.beforeAll(() => {
  cleanup();
  runContainer('survivor', []);
});
test.afterAll(() => {
  engine('thaw');
  engine('start');
  cleanup();
});

test('survives a daemon restart without reload', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('survivor')).toBeVisible();
  engine('stop');
  await expect(app.banner).toContainText('Reconnecting…', { timeout: 30_000 });
  await expect(app.banner).toContainText(process.env.DOCKER_HOST!);
  await expect(app.banner).toContainText(/does not exist|refused|closed/);
  await expect(app.container('survivor')).toBeVisible();
  await app.screenshot('reconnecting');

  engine('start');
  await expect(app.banner).toBeHidden({ timeout: 30_000 });
  createNetwork('after-restart', '10.245.0.0/24');
  await expect(app.network('after-restart')).toBeVisible({ timeout: 2000 });
  await expect(app.container('survivor')).toContainText('exited');
});

test('a hung engine: "not responding" within 10 s, the graph drawn as stale, and back by itself', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('survivor')).toBeVisible();
  engine('freeze');
  try {
    await expect(app.banner).toContainText('Engine not responding for', { timeout: 10_000 });
    await expect(app.banner).toContainText(process.env.DOCKER_HOST!);
    await expect(app.page.getByTestId('graph')).toHaveAttribute('data-stale', 'true');
    await expect(app.container('survivor')).toBeVisible();
    await app.screenshot('not-responding');
  } finally {
    engine('thaw');
  }
  await expect(app.banner).toBeHidden({ timeout: 20_000 });
  await expect(app.page.getByTestId('graph')).toHaveAttribute('data-stale', 'false');
});
