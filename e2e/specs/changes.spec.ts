/**
 * Changing the wiring from the graph, checked with the docker CLI: drag to
 * connect (with a static address), Delete to disconnect, the network and run
 * dialogs, the context menu and keys.
 */
import { cleanup, createNetwork, docker, inspectJson, runContainer, TEST_IMAGE } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

type Networks = Record<string, { IPAddress: string }>;
const networksOf = (name: string) => inspectJson<{ NetworkSettings: { Networks: Networks } }>('container', name).NetworkSettings.Networks;

test.beforeEach(() => {
  cleanup();
  createNetwork('ch-a', '10.226.0.0/24');
  createNetwork('ch-b', '10.227.0.0/24');
  runContainer('mover', ['--network', 'ch-a']);
  runContainer('holder', ['--network', 'ch-b', '--ip', '10.227.0.20']);
});
test.afterAll(cleanup);

test('dragging a container onto a network connects it; Enter takes the defaults', async ({ app }) => {
  await app.waitForGraph();
  await app.dragContainerOnto('mover', 'ch-b');
  await expect(app.dialog('connect-dialog')).toContainText('Connect mover to ch-b');
  await app.page.keyboard.press('Enter');
  await expect(app.toast('Connected mover to ch-b.')).toBeVisible();
  expect(Object.keys(networksOf('mover')).sort()).toEqual(['ch-a', 'ch-b']);
  await expect(app.endpointLabel('mover', 'ch-b')).toContainText(/10\.227\.0\.\d+\/24/);
  await app.screenshot('connect-by-drag');
});

test('the connect dialog checks a static address, uses it, and Escape cancels', async ({ app }) => {
  await app.waitForGraph();
  await app.dragContainerOnto('mover', 'ch-b');
  const dialog = app.dialog('connect-dialog');
  const ipv4 = dialog.getByLabel('IPv4 address');
  await ipv4.fill('10.99.0.5');
  await expect(dialog.getByTestId('dialog-problems')).toHaveText("10.99.0.5 is not inside ch-b's subnet 10.227.0.0/24.");
  await expect(dialog.getByRole('button', { name: 'Connect' })).toBeDisabled();
  await ipv4.fill('10.227.0.20');
  await expect(dialog.getByTestId('dialog-problems')).toHaveText('10.227.0.20 is already used by holder on ch-b.');
  await ipv4.fill('10.227.0.1');
  await expect(dialog.getByTestId('dialog-problems')).toHaveText('10.227.0.1 is the gateway of ch-b: pick another address.');
  await app.screenshot('connect-dialog-problem');
  await ipv4.press('Escape');
  await expect(dialog).toBeHidden();
  expect(Object.keys(networksOf('mover'))).toEqual(['ch-a']);

  await app.dragContainerOnto('mover', 'ch-b');
  await dialog.getByLabel('IPv4 address').fill('10.227.0.77');
  await dialog.getByLabel('Aliases').fill('moved');
  await dialog.getByLabel('Aliases').press('Enter');
  await expect(app.toast('Connected mover to ch-b.')).toBeVisible();
  expect(networksOf('mover')['ch-b']!.IPAddress).toBe('10.227.0.77');
});

test('dropping a container on a network it is already on does nothing and says so', async ({ app }) => {
  await app.waitForGraph();
  const before = await app.container('mover').boundingBox();
  await app.dragContainerOnto('mover', 'ch-a');
  await expect(app.toast('mover is already on ch-a: nothing to do.')).toBeVisible();
  await expect(app.dialog('connect-dialog')).toBeHidden();
  expect(await app.container('mover').boundingBox()).toEqual(before);
});

test('Delete on a selected wire disconnects, after confirming', async ({ app }) => {
  await app.waitForGraph();
  docker('network', 'connect', 'ch-b', 'mover');
  await app.endpointLabel('mover', 'ch-b').click();
  await app.page.keyboard.press('Delete');
  await expect(app.dialog('confirm-dialog')).toContainText('Disconnect mover from ch-b?');
  // Before something destructive, Cancel has focus: Enter alone does no harm. Tab, Enter confirms.
  await expect(app.dialog('confirm-dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.page.keyboard.press('Tab');
  await app.page.keyboard.press('Enter');
  await expect(app.toast('Disconnected mover from ch-b.')).toBeVisible();
  expect(Object.keys(networksOf('mover'))).toEqual(['ch-a']);
  await expect(app.endpointLabel('mover', 'ch-b')).toHaveCount(0);
});

test('the context menu and keys: C connects, Shift+F10 opens the menu, Escape closes it', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.container('mover'));
  await app.page.keyboard.press('c');
  const dialog = app.dialog('connect-dialog');
  await dialog.getByLabel('Network', { exact: true }).selectOption({ label: 'ch-b' });
  await dialog.getByLabel('Network', { exact: true }).press('Enter');
  await expect(app.toast('Connected mover to ch-b.')).toBeVisible();

  await app.page.keyboard.press('Shift+F10');
  await expect(app.contextMenu).toBeVisible();
  await app.page.keyboard.press('Escape');
  await expect(app.contextMenu).toBeHidden();

  await app.rightClick(app.container('mover'));
  await app.contextMenu.getByRole('menuitem', { name: 'Disconnect mover from ch-b…' }).click();
  await app.dialog('confirm-dialog').getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.toast('Disconnected mover from ch-b.')).toBeVisible();
  expect(Object.keys(networksOf('mover'))).toEqual(['ch-a']);
});

test('create a network from the dialog, refusing an overlap first; remove it from its menu', async ({ app }) => {
  await app.waitForGraph();
  await app.page.getByRole('button', { name: 'New network' }).click();
  const dialog = app.dialog('create-network-dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('ch-new');
  await dialog.getByLabel('IPv4 subnet').fill('10.226.0.0/25');
  await expect(dialog.getByTestId('dialog-problems')).toContainText('10.226.0.0/25 overlaps 10.226.0.0/24, the subnet of network "ch-a".');
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeDisabled();
  await app.screenshot('create-network-dialog');
  await dialog.getByLabel('IPv4 subnet').fill('10.228.0.0/24');
  await dialog.getByLabel('Gateway').fill('10.228.0.254');
  await dialog.getByLabel('Labels').fill('dockwire.test=1');
  await dialog.getByLabel('Gateway').press('Enter');
  await expect(app.toast('Created network ch-new.')).toBeVisible();
  await expect(app.network('ch-new')).toContainText('10.228.0.0/24 via 10.228.0.254');
  expect(inspectJson<{ IPAM: { Config: object[] } }>('network', 'ch-new').IPAM.Config).toEqual([
    { Subnet: '10.228.0.0/24', Gateway: '10.228.0.254' },
  ]);

  await app.rightClick(app.network('ch-new'));
  await app.contextMenu.getByRole('menuitem', { name: 'Remove network ch-new…' }).click();
  await app.dialog('confirm-dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(app.network('ch-new')).toHaveCount(0);
  expect(docker('network', 'ls', '--format', '{{.Name}}').split('\n')).not.toContain('ch-new');
});

test('removing a network in use disconnects its containers first, after saying so', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.network('ch-b'));
  await app.page.keyboard.press('Delete');
  await expect(app.dialog('confirm-dialog')).toContainText('ch-b is in use by holder.');
  await app.dialog('confirm-dialog').getByRole('button', { name: 'Disconnect 1 and remove' }).click();
  await expect(app.network('ch-b')).toHaveCount(0);
  expect(Object.keys(networksOf('holder'))).toEqual([]);
});

test('run containers in each of the four network modes from the dialog, drawn where they belong', async ({ app }) => {
  await app.waitForGraph();
  const run = async (name: string, mode: string, pick?: { label: string; value: string }) => {
    await app.page.getByRole('button', { name: 'Run container' }).click();
    const dialog = app.dialog('run-container-dialog');
    await dialog.getByLabel('Image').fill(TEST_IMAGE);
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Network mode').selectOption(mode);
    if (pick) await dialog.getByLabel(pick.label, { exact: true }).selectOption(pick.value);
    await dialog.getByLabel('Labels').fill('dockwire.test=1');
    await expect(dialog.getByTestId('docker-run-command')).toContainText(`docker run -d --name ${name}`);
    if (name === 'run-net') await app.screenshot('run-container-dialog');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await expect(app.toast(`Started ${name}.`)).toBeVisible();
  };
  await run('run-net', 'network', { label: 'Network', value: 'ch-a' });
  await expect(app.endpointLabel('run-net', 'ch-a')).toContainText(/10\.226\.0\.\d+\/24/);
  await run('run-host', 'host');
  await expect(app.endpointLabel('run-host', 'host')).toContainText('uses the host’s interfaces');
  await run('run-none', 'none');
  await expect(app.container('run-none')).toContainText('isolated: only lo');
  await run('run-shared', 'container', { label: 'Share the namespace of', value: 'run-net' });
  await expect(app.container('run-shared')).toContainText('in run-net’s network namespace');
  expect(inspectJson<{ HostConfig: { NetworkMode: string } }>('container', 'run-shared').HostConfig.NetworkMode).toBe(
    `container:${inspectJson<{ Id: string }>('container', 'run-net').Id}`,
  );
  for (const [name, mode] of [
    ['run-host', 'host'],
    ['run-none', 'none'],
  ]) {
    expect(inspectJson<{ HostConfig: { NetworkMode: string } }>('container', name!).HostConfig.NetworkMode).toBe(mode);
  }
  await app.fitView();
  await app.screenshot('run-four-modes');
});

test('the command palette lists the selection’s actions by name; its confirmation names the object and shows the equivalent command', async ({
  app,
}) => {
  await app.waitForGraph();
  docker('network', 'connect', 'ch-b', 'mover');
  await expect(app.endpointLabel('mover', 'ch-b')).toBeVisible();
  await app.select(app.container('mover'));
  await app.page.keyboard.press('Control+k');
  const palette = app.page.getByTestId('command-palette');
  await expect(palette.getByRole('option')).toContainText([
    'Test connectivity from mover…',
    'Connect mover to a network…',
    'Wire mover to a bridge by hand…',
    'Stop mover…',
    'Restart mover',
    'Disconnect mover from ch-a…',
    'Disconnect mover from ch-b…',
    'Remove mover…',
    'New network…',
    'Run container…',
    'Fit the graph to the window',
  ]);
  await palette.getByLabel('Filter actions').fill('disconnect ch-b');
  await expect(palette.getByRole('option')).toHaveText(['Disconnect mover from ch-b…']);
  await app.screenshot('command-palette');
  await app.page.keyboard.press('Enter');
  const confirm = app.dialog('confirm-dialog');
  await expect(confirm).toContainText('Disconnect mover from ch-b?');
  await expect(confirm.getByTestId('equivalent-command')).toHaveText('docker network disconnect ch-b mover');
  await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(app.toast('Disconnected mover from ch-b.')).toBeVisible();
  expect(Object.keys(networksOf('mover'))).toEqual(['ch-a']);
  await app.page.keyboard.press('Control+k');
  await palette.getByLabel('Filter actions').fill('nothing like this');
  await expect(palette).toContainText('No action matches “nothing like this”.');
  await app.page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('every change’s dialog shows the command a person would type, and it can be copied', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.container('mover'));
  await app.page.keyboard.press('c');
  const dialog = app.dialog('connect-dialog');
  await dialog.getByLabel('Network', { exact: true }).selectOption({ label: 'ch-b' });
  await dialog.getByLabel('IPv4 address').fill('10.227.0.44');
  await dialog.getByLabel('Aliases').fill('api, api-v1');
  await expect(dialog.getByTestId('equivalent-command')).toHaveText(
    'docker network connect --ip 10.227.0.44 --alias api --alias api-v1 ch-b mover',
  );
  await app.screenshot('connect-dialog-command');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(app.toast('Connected mover to ch-b.')).toBeVisible();
  await expect(app.toast('Connected mover to ch-b.')).toContainText('= docker network connect --ip 10.227.0.44');
  expect(networksOf('mover')['ch-b']?.IPAddress).toBe('10.227.0.44');
});
