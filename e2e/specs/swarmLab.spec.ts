/**
 * A swarm across three Docker hosts in one window (the lab: scripts/lab.sh up, then swarm), followed with
 * `dockwire serve --context node1 --context node2 --context node3`: each host frame says its swarm role, an
 * overlay used on every node is drawn once, under them all, with a wire from each node's containers.
 */
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';
import { TEST_IMAGE } from '../../tests/support/docker';
import { dockerOn, labSwarm, labUp, type LabNode } from '../../tests/support/lab';
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
    await app.screenshot('swarm-test-vxlan-blocked');
  } finally {
    execFileSync('ip', ['netns', 'exec', nodes[0]!.netns, 'iptables', '-D', ...rule]);
  }
});
