/**
 * The seed's scenarios, seen in the browser: networks, containers and their
 * IPs on the graph; the inspector shows what `docker inspect` says.
 */
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

type Endpoint = { IPAddress: string; IPPrefixLen: number; MacAddress: string; EndpointID: string };
const endpointOf = (container: string, network: string) =>
  inspectJson<{ NetworkSettings: { Networks: Record<string, Endpoint> } }>('container', container).NetworkSettings.Networks[network]!;

test.beforeAll(() => {
  cleanup();
  createNetwork('localnet', '10.241.0.0/24');
  createNetwork('backnet', '10.242.0.0/24');
  runContainer('c1', ['--network', 'localnet']);
  runContainer('c2', ['--network', 'localnet']);
  runContainer('web', ['--network', 'localnet', '-p', '127.0.0.1:45051:80'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('lonely', ['--network', 'none']);
  runContainer('hosty', ['--network', 'host']);
  runContainer('side', ['--network', 'container:c1']);
  docker('network', 'connect', 'backnet', 'c2');
});
test.afterAll(cleanup);

test('shows every network, container and endpoint with its IP', async ({ app }) => {
  await app.waitForGraph();
  for (const name of ['host', 'none', 'localnet', 'backnet']) await expect(app.network(name)).toBeVisible();
  // Docker's default bridge has nothing on it here: it takes no room until asked for.
  await expect(app.network('bridge')).toHaveCount(0);
  await app.page.getByTestId('idle-networks').click();
  await expect(app.network('bridge')).toBeVisible();
  for (const name of ['c1', 'c2', 'web', 'lonely', 'hosty', 'side']) await expect(app.container(name)).toBeVisible();

  const c1 = endpointOf('c1', 'localnet');
  await expect(app.endpointLabel('c1', 'localnet')).toContainText(/veth[0-9a-f]{7} ↔ eth0/);
  await expect(app.endpointLabel('c1', 'localnet')).toContainText(`${c1.IPAddress}/${c1.IPPrefixLen}`);
  await expect(app.endpointLabel('c1', 'localnet')).toContainText(c1.MacAddress);
  const c2back = endpointOf('c2', 'backnet');
  await expect(app.endpointLabel('c2', 'backnet')).toContainText(/↔ eth1/);
  await expect(app.endpointLabel('c2', 'backnet')).toContainText(`${c2back.IPAddress}/24`);

  await expect(app.network('localnet')).toContainText('DNS names');
  await expect(app.network('bridge')).toContainText('no DNS names');
  await expect(app.container('lonely')).toContainText('isolated: only lo');
  await expect(app.container('side')).toContainText('in c1’s network namespace');
  await expect(app.container('web')).toContainText('published 127.0.0.1:45051 → 80/tcp');
  await expect(app.endpointLabel('hosty', 'host')).toContainText('uses the host’s interfaces');
  await app.fitView();
  await app.screenshot('graph');
  // A closer look, as a person zooms in: one network and its containers.
  await app.search('localnet');
  await app.page.getByRole('searchbox', { name: 'Filter by container or network name' }).press('Enter');
  await app.viewSettled();
  await app.screenshot('graph-detail');
});

test('clicking an endpoint shows its IP, MAC and endpoint id in the inspector', async ({ app }) => {
  await app.waitForGraph();
  const truth = endpointOf('web', 'localnet');
  await app.endpointLabel('web', 'localnet').click();
  await expect(app.inspectorField('IPv4')).toHaveText(`${truth.IPAddress}/${truth.IPPrefixLen}`);
  await expect(app.inspectorField('MAC')).toHaveText(truth.MacAddress);
  await expect(app.inspectorField('Endpoint ID')).toHaveText(truth.EndpointID);
  await expect(app.inspectorField('Interface')).toHaveText('eth0');
  await expect(app.inspectorField('DNS names')).toContainText('web');
  const raw = await app.showRawJson();
  expect(JSON.parse(raw)).toMatchObject({ IPAddress: truth.IPAddress, MacAddress: truth.MacAddress });
  await app.screenshot('inspector-endpoint');
});

test('clicking a network or a container shows its facts and raw inspect JSON', async ({ app }) => {
  await app.waitForGraph();
  const localnet = inspectJson<{ Id: string }>('network', 'localnet');
  await app.select(app.network('localnet'));
  await expect(app.inspectorField('Linux bridge')).toHaveText(`br-${localnet.Id.slice(0, 12)}`);
  await expect(app.inspectorField('Subnets')).toHaveText('10.241.0.0/24');
  await expect(app.inspectorField('DNS names')).toContainText('yes');
  expect(JSON.parse(await app.showRawJson())).toMatchObject({ Id: localnet.Id, Name: 'localnet' });

  await app.page.getByTestId('idle-networks').click();
  await app.select(app.network('bridge'));
  await expect(app.inspectorField('DNS names')).toContainText('the default bridge gives no DNS names');

  await app.select(app.container('side'));
  await expect(app.inspectorField('Network mode')).toHaveText('container:c1');
  await app.select(app.container('web'));
  await expect(app.inspectorField('Published ports').locator('.mono')).toHaveText('127.0.0.1:45051 → 80/tcp');
  await expect(app.inspectorField('Published ports').getByRole('button', { name: 'Test from host' })).toBeVisible();
  await app.screenshot('inspector-container');
});

test('search keeps the matches and their networks on screen', async ({ app }) => {
  await app.waitForGraph();
  await app.search('web');
  await expect(app.container('web')).toBeVisible();
  await expect(app.network('localnet')).toBeVisible();
  await expect(app.container('c1')).toBeHidden();
  await expect(app.container('lonely')).toBeHidden();
  await app.search('');
  await expect(app.container('c1')).toBeVisible();
});
