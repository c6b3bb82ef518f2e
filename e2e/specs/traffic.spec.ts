/**
 * Traffic on the wires in the window: a wire that carries an HTTP download
 * shows its rate and flows, a quiet one stays still, the inspector charts the
 * last minute; and a capture opened from a container's menu lists a ping's
 * packets by container name, filters, pauses, and saves a .pcap that reads back.
 */
import { readFileSync } from 'node:fs';
import { cleanup, createNetwork, docker, inspectJson, runContainer } from '../../tests/support/docker';
import { icmpEcho, readPcap } from '../../tests/support/pcap';
import { audit } from '../support/audit';
import { expect, test } from '../fixtures';

const id = (kind: 'container' | 'network', name: string) => inspectJson<{ Id: string }>(kind, name).Id;

test.beforeAll(() => {
  cleanup();
  createNetwork('tr-net', '10.94.0.0/24');
  runContainer(
    'tr-web',
    ['--network', 'tr-net'],
    ['sh', '-c', 'mkdir -p /www && dd if=/dev/zero of=/www/big bs=1024 count=4096 2>/dev/null; httpd -f -p 80 -h /www'],
  );
  runContainer('tr-client', ['--network', 'tr-net']);
  runContainer('tr-quiet', ['--network', 'tr-net']);
  // A download after another, until the test run removes the container: traffic between the test's own containers only.
  docker('exec', '-d', 'tr-client', 'sh', '-c', 'sleep 1; while true; do wget -q -O /dev/null http://tr-web/big; done');
});
test.afterAll(() => cleanup());

test('a wire carrying traffic shows its rate and flows; a quiet one stays still; the inspector charts it', async ({ app }) => {
  await app.waitForGraph();
  const [client, quiet, net] = [id('container', 'tr-client'), id('container', 'tr-quiet'), id('network', 'tr-net')];
  const rate = app.page.getByTestId(`rate-ep:${client}:${net}`);
  // ↓ is what tr-client receives: the download, at megabytes a second on a veth.
  await expect(rate).toHaveText(/^↑ [\d.]+ [kM]?B\/s ↓ [\d.]+ (MB|GB)\/s$/, { timeout: 10_000 });
  await expect(app.page.locator(`.react-flow__edge[data-id="ep:${client}:${net}"] .wire-edge`)).toHaveClass(/traffic-3/);
  await expect(app.page.getByTestId(`rate-ep:${quiet}:${net}`)).toHaveCount(0);
  await expect(app.page.locator(`.react-flow__edge[data-id="ep:${quiet}:${net}"] .wire-edge`)).not.toHaveClass(/traffic-/);
  await app.screenshot('traffic-rates');

  await app.endpointLabel('tr-client', 'tr-net').click();
  await expect(app.inspectorField('Traffic')).toContainText(/↓ [\d.]+ (MB|GB)\/s received/);
  // The chart fills as seconds pass: a point a second.
  const received = app.inspector.getByTestId('traffic-chart').locator('polyline.received');
  await expect
    .poll(async () => ((await received.getAttribute('points')) ?? '').split(' ').length, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(8);
  await app.screenshot('traffic-inspector');
});

test('a capture lists a ping by container name, filters, pauses, and saves a pcap', async ({ app }) => {
  await app.waitForGraph();
  await app.rightClick(app.container('tr-quiet'));
  await app.contextMenu.getByRole('menuitem', { name: 'Capture packets on tr-quiet' }).click();
  const panel = app.page.getByTestId('capture-panel');
  await expect(panel).toContainText('Capture on tr-quiet eth0');
  // Docked under the graph, not over it: the graph ends where the panel starts, and tr-quiet is in sight above it.
  const bottom = async (locator: typeof panel) => {
    const box = (await locator.boundingBox())!;
    return box.y + box.height;
  };
  const panelTop = (await panel.boundingBox())!.y;
  expect(await bottom(app.page.getByTestId('graph'))).toBeLessThanOrEqual(panelTop + 1);
  await expect.poll(() => bottom(app.container('tr-quiet'))).toBeLessThanOrEqual(panelTop);
  // And the picture keeps the middle of what is left, rather than hugging the panel's edge.
  const pane = (await app.page.getByTestId('graph').boundingBox())!;
  const card = (await app.container('tr-quiet').boundingBox())!;
  expect(Math.abs(card.y + card.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(pane.height / 4);
  // Only ICMP over IPv4 to tr-quiet (not IPv6's router solicitations): the filter is the capture's own, applied in the helper.
  const quietAddress = inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'tr-quiet')
    .NetworkSettings.Networks['tr-net']!.IPAddress;
  await panel.getByRole('textbox', { name: 'Capture filter' }).fill(`icmp and host ${quietAddress}`);
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByTestId('capture-status')).toHaveText(/^0 packets/);
  docker('exec', 'tr-web', 'ping', '-c', '3', '-i', '0.2', 'tr-quiet');
  const rows = panel.getByTestId('packet-list').locator('tbody tr');
  await expect(rows).toHaveCount(6, { timeout: 10_000 });
  await expect(rows.filter({ hasText: 'echo request' }).first()).toContainText(/tr-web\s*tr-quiet\s*ICMP\s*98\s*echo request id=\d+ seq=0/);
  await expect(rows.filter({ hasText: 'echo reply' })).toHaveCount(3);
  await app.screenshot('capture-panel');
  await audit(app.page, 'the capture panel', '[data-testid="capture-panel"]');

  await panel.getByRole('button', { name: 'Pause' }).click();
  docker('exec', 'tr-web', 'ping', '-c', '2', '-i', '0.2', 'tr-quiet');
  await expect(panel.getByTestId('capture-status')).toHaveText(/^10 packets \(paused at 6\)/, { timeout: 10_000 });
  await expect(rows).toHaveCount(6);
  await panel.getByRole('button', { name: 'Resume' }).click();
  await expect(rows).toHaveCount(10);

  const [download] = await Promise.all([app.page.waitForEvent('download'), panel.getByRole('button', { name: 'Save .pcap' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tr-quiet-eth0-.*\.pcap$/);
  const pcap = readPcap(readFileSync((await download.path())!));
  const webAddress = inspectJson<{ NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }>('container', 'tr-web')
    .NetworkSettings.Networks['tr-net']!.IPAddress;
  expect(pcap.records.map((r) => icmpEcho(r.data)).filter((e) => e?.type === 'request' && e.source === webAddress)).toHaveLength(5);

  await panel.getByRole('button', { name: 'Close the capture' }).click();
  await expect(panel).toHaveCount(0);
});
