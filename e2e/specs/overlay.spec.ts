/**
 * Overlay networks and swarm in the window, on a one-node swarm made here: an
 * overlay's bus says it spans hosts and shows its VXLAN id and own namespace,
 * its wires end on the bridge in that namespace, the docker_gwbridge interface
 * is Docker's (no "wired by hand"), service tasks sit in their service's
 * frame, and ingress shows the port the service publishes.
 */
import { execFileSync } from 'node:child_process';
import { createNetwork, inspectJson, runContainer } from '../../tests/support/docker';
import { createService, joinSwarm, leaveSwarm } from '../../tests/support/swarm';
import { expect, test } from '../fixtures';

const SERVICE = 'e-svc';

test.beforeAll(() => {
  joinSwarm();
  createNetwork('e-ov', '10.79.0.0/24', '--driver', 'overlay', '--attachable');
  runContainer('e-ov-1', ['--network', 'e-ov']);
  runContainer('e-ov-2', ['--network', 'e-ov']);
  createService(SERVICE, 2, 18090);
});
test.afterAll(() => leaveSwarm([SERVICE]));

test('an overlay network, its containers, the gwbridge and a service read as swarm made them', async ({ app }) => {
  await app.waitForGraph();
  const vni = inspectJson<{ Options: Record<string, string> }>('network', 'e-ov').Options['com.docker.network.driver.overlay.vxlanid_list'];
  const bus = app.network('e-ov');
  await expect(bus).toContainText(`VXLAN ${vni} · spans 1 host`);
  await expect(app.page.getByTestId('bridge-line-e-ov')).toHaveText('own netns: br0 + vxlan0 · 3 ports');
  for (const name of ['e-ov-1', 'e-ov-2']) {
    await expect(app.endpointLabel(name, 'e-ov')).toContainText(/veth\d+ ↔ eth0 \(on br0 in the overlay's netns\)/);
    await expect(app.endpointLabel(name, 'docker_gwbridge')).toContainText('↔ eth1');
  }
  await expect(app.page.locator('[data-testid^="hand-row-"]')).toHaveCount(0);
  const frame = app.page.getByTestId(`group-service ${SERVICE}`);
  await expect(frame).toBeVisible();
  await expect(frame).toContainText('2 containers');
  await expect(app.page.getByTestId('mesh-ports-ingress')).toHaveText(`mesh ${SERVICE} :18090→80/tcp`);
  await app.fitView();
  await app.screenshot('overlay-swarm');

  await app.select(bus);
  await expect(app.inspectorField('Overlay')).toHaveText(/^VXLAN \d+, spans 1 host: 127\.0\.0\.1 \(\w+\)$/);
  await expect(app.inspectorField('Overlay namespace')).toContainText(`vxlan0 · VNI ${vni}`);
  await expect(app.inspectorField('Overlay namespace')).toContainText('↔ e-ov-1 eth0');
  await expect(app.inspectorField('Docker’s sandboxes')).toContainText('lb-e-ov');
  await app.screenshot('overlay-inspector');

  // An endpoint's other end is the veth the container's eth0 names, on br0 in the overlay's namespace.
  const pid = String(inspectJson<{ State: { Pid: number } }>('container', 'e-ov-1').State.Pid);
  const eth0 = JSON.parse(execFileSync('nsenter', ['-t', pid, '-n', 'ip', '-j', 'link', 'show', 'eth0'], { encoding: 'utf8' }))[0] as {
    link_index: number;
  };
  await app.endpointLabel('e-ov-1', 'e-ov').click();
  await expect(app.inspectorField('Other end')).toHaveText(
    new RegExp(`^veth\\d+ \\(ifindex ${eth0.link_index}\\) on br0, in the overlay’s own namespace$`),
  );
  await expect(app.inspectorField('VXLAN id')).toHaveText(vni!);
});
