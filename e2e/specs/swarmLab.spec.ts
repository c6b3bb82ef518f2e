/**
 * A swarm across three Docker hosts in one window (the lab: scripts/lab.sh up, then swarm), followed with
 * `dockwire serve --context node1 --context node2 --context node3`: each host frame says its swarm role, an
 * overlay used on every node is drawn once, under them all, with a wire from each node's containers, and as
 * its VXLAN tunnels between the nodes' underlay addresses.
 */
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { TEST_IMAGE } from '../../tests/support/docker';
import { dockerOn, labSwarm, labUp, vniOf, type LabNode } from '../../tests/support/lab';
import { box, serveLab, stopLab, test } from '../support/lab';

let nodes: LabNode[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  nodes = labUp(3);
  labSwarm();
  dockerOn(nodes[0]!, 'network', 'create', '--driver', 'overlay', '--attachable', '--subnet', '10.251.60.0/24', 'swarm-over');
  for (const [index, node] of nodes.entries()) {
    dockerOn(node, 'run', '-d', '--name', `app${index + 1}`, '--network', 'swarm-over', TEST_IMAGE);
  }
  await serveLab(nodes);
});
test.afterAll(stopLab);

test('each host says its swarm role; an overlay used on every node is drawn once, under them all, wired to each', async ({ app }) => {
  await app.waitForGraph();
  await app.viewSettled();
  await expect(app.page.getByTestId('host-node1').getByTestId('host-swarm')).toHaveText('swarm manager (leader)');
  await expect(app.page.getByTestId('host-node2').getByTestId('host-swarm')).toHaveText('swarm worker');
  await expect(app.network('swarm-over')).toHaveCount(1);
  const bus = await box(app.network('swarm-over'));
  for (const node of nodes) {
    const frame = await box(app.page.getByTestId(`host-${node.name}`));
    expect(bus.y).toBeGreaterThan(frame.y + frame.height);
  }
  for (const name of ['app1', 'app2', 'app3']) await expect(app.endpointLabel(name, 'swarm-over')).toHaveCount(1);
  await app.screenshot('swarm-across-hosts');
});

test('the overlay is drawn as its VXLAN tunnels: each node’s end under its own frame, a tunnel between every two', async ({ app }) => {
  await app.waitForGraph();
  await app.viewSettled();
  const mesh = app.page.getByTestId('mesh-swarm-over');
  await expect(mesh).toHaveCount(1);
  // Ground truth: the VXLAN id Docker gave the network, and each engine's own underlay address.
  const vni = vniOf(nodes[0]!, 'swarm-over');
  const bus = await box(app.network('swarm-over'));
  expect((await box(mesh)).y).toBeGreaterThan(bus.y + bus.height);
  for (const node of nodes) {
    const address = dockerOn(node, 'info', '-f', '{{.Swarm.NodeAddr}}').trim();
    expect(address).toBe(node.address);
    const end = mesh.getByTestId(`tunnel-end-${node.name}`);
    await expect(end).toContainText(`${node.name} ${address}`);
    // Read from that node's own overlay namespace (its kernel), not the first engine's.
    await expect(end).toContainText(`vxlan0 VNI ${vni}`);
    const [endBox, frame] = [await box(end), await box(app.page.getByTestId(`host-${node.name}`))];
    const centre = endBox.x + endBox.width / 2;
    expect(centre).toBeGreaterThan(frame.x);
    expect(centre).toBeLessThan(frame.x + frame.width);
  }
  const tunnels = mesh.getByTestId('tunnel');
  await expect(tunnels).toHaveCount(3);
  for (const pair of ['node1 node2', 'node1 node3', 'node2 node3']) {
    await expect(mesh.locator(`[data-testid="tunnel"][data-between="${pair}"]`)).toHaveAttribute('data-state', 'up');
  }
  await expect(mesh.locator('[data-between="node1 node2"]')).toHaveText(`${nodes[0]!.address} ⇄ ${nodes[1]!.address}`);
  await app.screenshot('swarm-tunnels');
});

test('a node whose underlay MTU no longer fits the overlay’s frames plus VXLAN’s headers says so on its end of the tunnels', async ({
  app,
}) => {
  await app.waitForGraph();
  const end = app.page.getByTestId('mesh-swarm-over').getByTestId('tunnel-end-node1');
  await expect(end).toContainText('on eth0, MTU 1500');
  execFileSync('ip', ['-n', nodes[0]!.netns, 'link', 'set', 'eth0', 'mtu', '1400']);
  try {
    // Live: the kernel's link event, no reload.
    await expect(end.getByTestId('tunnel-mtu')).toHaveText('⚠ MTU 1450 + 50 does not fit eth0', { timeout: 10_000 });
    await expect(end.getByTestId('tunnel-mtu')).toHaveAttribute('title', /frames over 1350 bytes are fragmented on the underlay/);
    await expect(app.page.getByTestId('mesh-swarm-over').getByTestId('tunnel-mtu')).toHaveCount(1);
    await app.screenshot('swarm-tunnel-mtu');
  } finally {
    execFileSync('ip', ['-n', nodes[0]!.netns, 'link', 'set', 'eth0', 'mtu', '1500']);
  }
  await expect(end.getByTestId('tunnel-mtu')).toHaveCount(0, { timeout: 10_000 });
});

test('a capture on node2’s underlay shows the VXLAN carrying app2’s pings, each opened to the frame it carries', async ({ app }) => {
  await app.waitForGraph();
  await app.rightClick(app.container('app2'));
  await app.contextMenu.getByRole('menuitem', { name: 'Capture the VXLAN carrying app2 (on its host’s underlay)' }).click();
  const panel = app.page.getByTestId('capture-panel');
  await expect(panel).toContainText('VXLAN on the underlay of node2 eth0');
  const app1 = dockerOn(nodes[0]!, 'inspect', '-f', '{{(index .NetworkSettings.Networks "swarm-over").IPAddress}}', 'app1').trim();
  // Traffic between the run's own containers: app2 pings app1 across the nodes.
  dockerOn(nodes[1]!, 'exec', 'app2', 'ping', '-c', '3', '-W', '2', app1);
  const rows = panel.getByTestId('packet-list').locator('tbody tr');
  const requests = rows.filter({ hasText: 'echo request' });
  await expect(requests).toHaveCount(3, { timeout: 10_000 });
  await expect(requests.first()).toContainText(/app2\s*app1\s*VXLAN ICMP/);
  const vni = vniOf(nodes[0]!, 'swarm-over');
  await expect(requests.first()).toContainText(`VXLAN ${vni}, ${nodes[1]!.address} → ${nodes[0]!.address}`);
  await expect(rows.filter({ hasText: 'echo reply' })).toHaveCount(3);
  await app.screenshot('swarm-underlay-capture');
  await app.page.getByRole('button', { name: 'Close the capture' }).click();
});

test('a test from a container on node2 to one on node1 with UDP 4789 dropped on node1 fails, and says VXLAN does not pass', async ({
  app,
}) => {
  await app.waitForGraph();
  const rule = ['INPUT', '-p', 'udp', '--dport', '4789', '-j', 'DROP'];
  execFileSync('ip', ['netns', 'exec', nodes[0]!.netns, 'iptables', '-I', ...rule]);
  try {
    const panel = await app.runFailingTest('app2', 'app1');
    const diagnosis = panel.getByTestId('diagnosis-vxlan-blocked');
    await expect(diagnosis).toContainText('towards node1 (10.250.0.11)', { timeout: 30_000 });
    await expect(diagnosis).toContainText('UDP 4789 does not pass from node2 to node1');
    // The path across the nodes, hop by hop: it stops on the underlay from node2 to node1.
    const hops = panel.getByTestId('across-nodes').getByTestId('hop');
    await expect(hops).toHaveCount(7);
    await expect(hops.nth(3)).toHaveAttribute('data-status', 'fail');
    await expect(hops.nth(3)).toContainText(`node2 → node1 underlay ${nodes[1]!.address} → ${nodes[0]!.address}, UDP 4789`);
    await expect(hops.nth(2)).toHaveAttribute('data-status', 'pass');
    // On the picture, the tunnel between the two nodes is where it stopped; the others were not crossed.
    const mesh = app.page.getByTestId('mesh-swarm-over');
    await expect(mesh.locator('[data-between="node1 node2"]')).toHaveAttribute('data-tested', 'fail');
    await expect(mesh.locator('[data-between="node1 node2"]')).toHaveText('✗ node2 → node1: UDP 4789 lost');
    await expect(mesh.locator('[data-between="node1 node3"]')).not.toHaveAttribute('data-tested', /./);
    await app.screenshot('swarm-test-vxlan-blocked');
  } finally {
    execFileSync('ip', ['netns', 'exec', nodes[0]!.netns, 'iptables', '-D', ...rule]);
  }
});
