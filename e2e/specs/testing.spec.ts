/**
 * One-click connectivity tests from the graph: passing steps between two
 * containers on a user-defined network; the right diagnosis across networks,
 * and the one-click fix that makes it pass; all pairs on a network.
 */
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';
import { audit } from '../support/audit';

test.beforeAll(() => {
  cleanup();
  createNetwork('t-app', '10.216.0.0/24');
  createNetwork('t-db', '10.217.0.0/24');
  runContainer('t-client', ['--network', 't-app']);
  runContainer('t-web', ['--network', 't-app'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('t-store', ['--network', 't-db', '--network-alias', 'store-db']);
  runContainer('t-side', ['--network', 'container:t-web']);
  // A --dns "server" that is a container of this test serving no DNS: its port 53 refuses.
  runContainer('t-quiet', []);
  runContainer('t-dns', ['--dns', quietAddress()]);
  // Published on loopback only (traffic from the host stays on the machine): one server on 0.0.0.0, one bound to 127.0.0.1.
  runContainer('t-pub', ['--network', 't-app', '-p', '127.0.0.1:18090:80'], ['httpd', '-f', '-p', '80', '-h', '/www']);
  runContainer('t-publoop', ['--network', 't-app', '-p', '127.0.0.1:18091:8080'], ['httpd', '-f', '-p', '127.0.0.1:8080', '-h', '/www']);
  runContainer('t-resolver', [
    '--network',
    't-app',
    '--dns',
    quietAddress(),
    '--dns-search',
    'corp.example',
    '--add-host',
    'db.local:10.216.0.99',
  ]);
});
test.afterAll(cleanup);

const quietAddress = () => inspectJson<{ NetworkSettings: { IPAddress: string } }>('container', 't-quiet').NetworkSettings.IPAddress;

test('a test to a container on the same network passes every step, picked on the graph', async ({ app }) => {
  await app.waitForGraph();
  await app.rightClick(app.container('t-client'));
  await app.contextMenu.getByRole('menuitem', { name: 'Test connectivity from t-client…' }).click();
  const panel = app.page.getByTestId('test-panel');
  await panel.getByLabel('TCP port').fill('80');
  await panel.getByLabel('HTTP path').fill('/');
  await panel.getByRole('button', { name: 'Pick on graph' }).click();
  await expect(app.page.getByTestId('picking-hint')).toBeVisible();
  await app.select(app.container('t-web'));
  // The pick fills the form and waits: Run starts the test.
  await expect(panel.getByLabel('Target')).toHaveValue('t-web');
  await expect(panel.getByTestId('test-verdict')).toHaveCount(0);
  await expect(panel.getByTestId('test-run')).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(panel.getByTestId('test-verdict')).toHaveText(/^Every step passed: t-client → t-web \(10\.216\.0\.\d+\)$/);
  for (const step of ['dns', 'route', 'ping', 'tcp', 'http']) await expect(panel.getByTestId(`step-${step}`)).toHaveClass(/pass/);
  await expect(app.page.locator('.wire-edge.path-ok')).toHaveCount(2);
  await app.screenshot('test-pass');
});

test('across networks: the diagnosis says why, and the one-click fix makes it pass', async ({ app }) => {
  await app.waitForGraph();
  const panel = await app.runFailingTest('t-client', 't-store');
  await expect(panel.getByTestId('diagnosis-no-shared-network')).toHaveText(
    /t-client is on t-app; t-store is on t-db: they share no network, so no packet can pass between them\.Connect t-client to t-db/,
  );
  await expect(app.page.locator('.wire-edge.path-fail').first()).toBeVisible();
  await app.screenshot('test-diagnosis');
  await panel.getByRole('button', { name: 'Connect t-client to t-db' }).click();
  await expect(panel.getByTestId('test-verdict')).toContainText('Every step passed', { timeout: 15_000 });
  await expect(app.endpointLabel('t-client', 't-db')).toBeVisible();
});

test('a service name Docker knows only on another network: Connect, not the --dns server it was forwarded to', async ({ app }) => {
  await app.waitForGraph();
  const panel = await app.runFailingTest('t-resolver', 'store-db');
  await expect(panel.getByTestId('diagnosis-name-on-other-network')).toContainText(
    'store-db is a name Docker knows on t-db (t-store), which t-resolver is not on',
  );
  await expect(panel.getByTestId('diagnosis-dns-server-unreachable')).toHaveCount(0);
  await app.screenshot('test-name-elsewhere');
  await panel.getByRole('button', { name: 'Connect t-resolver to t-db' }).click();
  await expect(panel.getByTestId('test-verdict')).toContainText('Every step passed', { timeout: 15_000 });
  // As it was: the inspector's resolver spec below reads t-resolver on t-app alone.
  docker('network', 'disconnect', 't-db', 't-resolver');
  await expect(app.endpointLabel('t-resolver', 't-db')).toHaveCount(0);
});

test('all pairs on a network: a table of DNS and ping, each cell with its evidence', async ({ app }) => {
  await app.waitForGraph();
  await app.rightClick(app.network('t-app'));
  await app.contextMenu.getByRole('menuitem', { name: 'Test all pairs on t-app' }).click();
  const dialog = app.page.getByTestId('all-pairs-dialog');
  await expect(dialog.getByTestId('all-pairs-progress')).toContainText('pairs tested', { timeout: 15_000 });
  await expect(dialog.getByTestId('cell-t-client-t-web')).toHaveText('DNS ✓ ping ✓');
  await expect(dialog.getByTestId('all-pairs-legend')).toContainText('from the row’s container to the column’s');
  // t-side lives in t-web's namespace: named with it, not a column of its own that would fail.
  await expect(dialog.getByTestId('all-pairs-sharers')).toContainText('t-side: same namespace as t-web');
  await expect(dialog.getByRole('columnheader', { name: 't-web + t-side' })).toBeVisible();
  await expect(dialog.getByTestId('cell-t-client-t-side')).toHaveCount(0);
  await dialog.getByTestId('cell-t-web-t-client').getByRole('button').click();
  const evidence = dialog.getByTestId('all-pairs-evidence');
  await expect(evidence).toContainText('t-web → t-client');
  await expect(evidence.getByTestId('evidence-ping').getByRole('row', { name: /Replies/ })).toContainText('1 of 1');
  await expect(evidence.getByTestId('evidence-dns').getByRole('row', { name: /Answer \(A\)/ })).toContainText(/10\.216\.0\.\d+/);
  await app.screenshot('test-all-pairs');
});

test('steps appear as they run and Cancel stops the test; a resolver that does not answer is diagnosed', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.container('t-client'));
  await app.page.keyboard.press('t');
  const panel = app.page.getByTestId('test-panel');
  // An address on this test's own network where nothing answers: the ping waits out its time limit.
  await panel.getByLabel('Target').fill('10.216.0.250');
  await panel.getByLabel('TCP port').fill('80');
  await panel.getByLabel('Target').press('Enter');
  await expect(panel.getByTestId('step-route')).toHaveClass(/pass/);
  await expect(panel.getByTestId('step-running')).toBeVisible();
  await app.screenshot('test-running');
  await panel.getByTestId('test-cancel').click();
  await expect(panel.getByTestId('test-verdict')).toHaveText('Cancelled after 1 step: t-client → 10.216.0.250');
  await expect(panel.getByTestId('step-ping')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Close the test' }).click();

  await app.select(app.container('t-dns'));
  await app.page.keyboard.press('t');
  await panel.getByLabel('Target').fill('anything.test');
  await panel.getByLabel('Target').press('Enter');
  await expect(panel.getByTestId('diagnosis-dns-server-unreachable')).toContainText(`t-dns asks ${quietAddress()} (--dns) directly`, {
    timeout: 15_000,
  });
  await expect(panel.getByTestId('step-dns')).toHaveClass(/fail/);
  await expect(panel.getByTestId('evidence-dns')).toContainText('Resolvers (resolv.conf)');
  await app.screenshot('test-resolver');
});

test('the inspector says how a container resolves names', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.container('t-resolver'));
  const resolver = app.inspector.getByTestId('resolver');
  await expect(resolver).toContainText(
    `asks Docker's DNS (127.0.0.11); names on t-app answered by Docker; other names forwarded to ${quietAddress()} (--dns)`,
  );
  await expect(resolver).toContainText('search domains: corp.example');
  await expect(resolver).toContainText('db.local → 10.216.0.99');
  await expect(resolver).toContainText('resolv.conf: nameserver 127.0.0.11');
  await app.screenshot('inspector-resolver');
  await app.select(app.container('t-dns'));
  await expect(resolver).toContainText(`asks ${quietAddress()} directly (--dns); no container names`);
});

test('Test from host on a published port: a pass through the publication, and a server bound to 127.0.0.1 explained', async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.container('t-pub'));
  await app.inspector.getByRole('button', { name: 'Test from host' }).click();
  const panel = app.page.getByTestId('host-test-panel');
  await expect(panel.getByTestId('test-verdict')).toHaveText('Every step passed: the host → t-pub:80', { timeout: 15_000 });
  await expect(panel.getByTestId('host-test-mapping')).toContainText('127.0.0.1:18090 -> t-pub:80/tcp');
  await app.screenshot('host-test-pass');
  await panel.getByRole('button', { name: 'Close the test' }).click();

  await app.select(app.container('t-publoop'));
  await app.inspector.getByRole('button', { name: 'Test from host' }).click();
  await expect(panel.getByTestId('diagnosis-listens-on-loopback')).toContainText('t-publoop listens on port 8080 only on 127.0.0.1', {
    timeout: 15_000,
  });
  await expect(panel.getByTestId('test-verdict')).toHaveText('The test failed: the host → t-publoop:8080');
  await app.screenshot('host-test-loopback');
  await audit(app.page, 'the test from the host, failed', '[data-testid="host-test-panel"]');
});
