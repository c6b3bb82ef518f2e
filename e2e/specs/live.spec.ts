/**
 * Changes made in another terminal show up in the open window within a
 * second, with no reload, and nodes that did not change stay where they were.
 */
import { cleanup, createNetwork, docker, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

test.beforeAll(() => {
  cleanup();
  createNetwork('live-a', '10.243.0.0/24');
  createNetwork('live-b', '10.244.0.0/24');
  runContainer('alpha', ['--network', 'live-a']);
  runContainer('beta', ['--network', 'live-a']);
});
test.afterAll(cleanup);

test('docker network connect appears as a new edge within 1 s, without reload or moving other nodes', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('alpha')).toBeVisible();
  await app.page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
  const betaBefore = await app.container('beta').boundingBox();
  const networkBefore = await app.network('live-a').boundingBox();

  docker('network', 'connect', '--ip', '10.244.0.77', 'live-b', 'alpha');
  await expect(app.endpointLabel('alpha', 'live-b')).toContainText('10.244.0.77/24', { timeout: 1000 });
  await expect(app.endpointLabel('alpha', 'live-b')).toContainText('↔ eth1');

  expect(await app.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  expect(await app.container('beta').boundingBox()).toEqual(betaBefore);
  expect(await app.network('live-a').boundingBox()).toEqual(networkBefore);
  await app.screenshot('live-connect');
  // A bus as narrow as two containers cuts its line at the end: whether it gives DNS names is not what is cut.
  for (const name of ['live-a', 'live-b']) {
    const bus = (await app.network(name).boundingBox())!;
    const badge = (await app.network(name).getByText('DNS names', { exact: true }).boundingBox())!;
    expect(badge.x + badge.width).toBeLessThanOrEqual(bus.x + bus.width);
  }

  docker('network', 'disconnect', 'live-b', 'alpha');
  await expect(app.endpointLabel('alpha', 'live-b')).toHaveCount(0, { timeout: 1000 });
});

test('a container started elsewhere appears, and a removed one disappears, within 1 s', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('alpha')).toBeVisible();
  runContainer('gamma', ['--network', 'live-b']);
  await expect(app.container('gamma')).toBeVisible({ timeout: 1000 });
  docker('rm', '-f', 'gamma');
  await expect(app.container('gamma')).toHaveCount(0, { timeout: 1000 });
});

test('a node the user dragged stays where it was put across updates', async ({ app }) => {
  await app.waitForGraph();
  const node = app.container('beta');
  await expect(node).toBeVisible();
  const box = (await node.boundingBox())!;
  await app.page.mouse.move(box.x + 60, box.y + 12);
  await app.page.mouse.down();
  // Sideways, out of the frame's buses' way (a drop on a bus would connect it).
  await app.page.mouse.move(box.x + 460, box.y + 12, { steps: 8 });
  await app.page.mouse.up();
  const moved = (await node.boundingBox())!;
  expect(moved.x - box.x).toBeGreaterThan(200);

  runContainer('delta', ['--network', 'live-a']);
  await expect(app.container('delta')).toBeVisible({ timeout: 1000 });
  expect(await node.boundingBox()).toEqual(moved);
});
