/**
 * Trace the path: a failed test across two networks is traced, and the panel names Docker's isolation rule exactly
 * as iptables -S prints it, while the graph lights the path green up to the first bridge and red after it; a DROP
 * rule the test puts in DOCKER-USER (and removes) is named for a tcp step traced on its own; a network's inspector
 * shows the firewall rules of its bridge, read-only, with counters.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, createNetwork, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';
import { audit } from '../support/audit';

const USER_RULE = ['DOCKER-USER', '-s', '10.214.0.0/24', '-d', '10.214.0.0/24', '-p', 'tcp', '--dport', '8080', '-j', 'DROP'];
const iptablesS = (chain: string) => execFileSync('iptables', ['-S', chain], { encoding: 'utf8' }).trim().split('\n');

test.beforeAll(() => {
  cleanup();
  createNetwork('tr-front', '10.214.0.0/24');
  createNetwork('tr-back', '10.215.0.0/24');
  runContainer('tr-web', ['--network', 'tr-front']);
  runContainer('tr-api', ['--network', 'tr-front'], ['httpd', '-f', '-p', '8080', '-h', '/www']);
  runContainer('tr-db', ['--network', 'tr-back']);
});
test.afterAll(() => {
  try {
    execFileSync('iptables', ['-D', ...USER_RULE], { stdio: 'ignore' });
  } catch {
    // not there: nothing to undo
  }
  cleanup();
});

test('a failed test traced: the isolation rule named, the path lit green then red on the graph', async ({ app }) => {
  await app.waitForGraph();
  const panel = await app.runFailingTest('tr-web', 'tr-db');
  await panel.getByTestId('trace-run').click();
  const trace = panel.getByTestId('trace');
  await expect(trace.getByTestId('trace-verdict')).toHaveText(/^Lost on the way: tr-web → tr-db \(10\.215\.0\.\d+\)$/, { timeout: 15_000 });
  const rule = (await trace.getByTestId('trace-rule').innerText()).split('\n')[0]!.replace(/\s*\(table filter, \+\d+\)$/, '');
  expect(iptablesS('DOCKER-ISOLATION-STAGE-2')).toContain(rule);
  await expect(trace.getByTestId('trace-reason')).toContainText('Docker isolates networks from each other');
  await expect(trace.locator('[data-state="seen"]')).toHaveCount(3);
  await expect(trace.locator('[data-state="lost"]')).toHaveCount(1);
  await expect(app.page.locator('.wire-edge.path-ok')).toHaveCount(1);
  await expect(app.page.locator('.wire-edge.path-fail')).toHaveCount(1);
  await audit(app.page, 'trace in the test panel', '[data-testid="test-panel"]');
  await app.screenshot('trace-lost');
});

test('a tcp step traced on its own names a DROP rule of yours in DOCKER-USER', async ({ app }) => {
  execFileSync('iptables', ['-I', ...USER_RULE]);
  await app.waitForGraph();
  await app.select(app.container('tr-web'));
  await app.page.keyboard.press('t');
  const panel = app.page.getByTestId('test-panel');
  await panel.getByLabel('Target').fill('tr-api');
  await panel.getByLabel('TCP port').fill('8080');
  await panel.getByLabel('Target').press('Enter');
  await expect(panel.getByTestId('test-verdict')).toContainText('The test failed', { timeout: 20_000 });
  await panel.getByTestId('step-tcp').getByRole('button', { name: 'Trace the tcp connection' }).click();
  const trace = panel.getByTestId('trace');
  await expect(trace.getByTestId('trace-verdict')).toContainText('Lost on the way', { timeout: 15_000 });
  await expect(trace.getByTestId('trace-rule')).toContainText(
    '-A DOCKER-USER -s 10.214.0.0/24 -d 10.214.0.0/24 -p tcp -m tcp --dport 8080 -j DROP',
  );
  await expect(trace.getByTestId('trace-reason')).toContainText('A rule in DOCKER-USER');
});

test("a network's inspector shows its bridge's firewall rules, read-only, with counters", async ({ app }) => {
  await app.waitForGraph();
  await app.select(app.network('tr-back'));
  await app.inspector.getByText('Firewall rules of this network').click();
  const rules = app.inspector.getByTestId('firewall-rules');
  await expect(rules).toContainText('filter FORWARD · policy DROP');
  await expect(rules.locator('.firewall-rule').filter({ hasText: '-A DOCKER-ISOLATION-STAGE-2 -o br-' })).toHaveCount(1);
  await expect(rules).toContainText('Dockwire only reads the firewall.');
  await app.screenshot('firewall-network');
});
