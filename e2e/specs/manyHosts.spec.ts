/**
 * Several engines in one window: `dockwire serve --context node1 --context node2 --context node3` on the lab of
 * three Docker hosts (scripts/lab.sh), each host a compose project or two and a container named alike on two of
 * them. Each engine is a host frame around its own groups, live on its own; what is made is made on the engine
 * chosen; an engine that stops greys only its own frame. Checked against each engine's docker.
 */
import { expect } from '@playwright/test';
import { TEST_IMAGE } from '../../tests/support/docker';
import { dockerOn, labUp, startNode, stopNode, type LabNode } from '../../tests/support/lab';
import type { GraphPage } from '../pages/GraphPage';
import { box, serveLab, stopLab, test } from '../support/lab';

let nodes: LabNode[] = [];
test.describe.configure({ mode: 'serial' });

/** A compose project as `docker compose up` leaves it: its default network, its containers labelled with it. */
function project(node: LabNode, name: string, subnet: string, services: string[]) {
  const label = `com.docker.compose.project=${name}`;
  dockerOn(node, 'network', 'create', '--label', label, '--subnet', subnet, `${name}_default`);
  for (const service of services) {
    dockerOn(
      node,
      'run',
      '-d',
      '--name',
      `${name}-${service}-1`,
      '--network',
      `${name}_default`,
      '--network-alias',
      service,
      '--label',
      label,
      '--label',
      `com.docker.compose.service=${service}`,
      TEST_IMAGE,
    );
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  nodes = labUp(3);
  project(nodes[0]!, 'shop', '10.251.10.0/24', ['web', 'api', 'db']);
  project(nodes[1]!, 'blog', '10.251.20.0/24', ['wordpress', 'mysql']);
  project(nodes[2]!, 'monitor', '10.251.30.0/24', ['prometheus', 'grafana']);
  // One name on two engines, each started by hand.
  dockerOn(nodes[1]!, 'run', '-d', '--name', 'web', TEST_IMAGE);
  dockerOn(nodes[2]!, 'run', '-d', '--name', 'web', TEST_IMAGE);
  await serveLab(nodes);
});
test.afterAll(stopLab);

/** Whether b lies wholly inside a (a card in its host's frame). */
const inside = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  b.x >= a.x && b.y >= a.y && b.x + b.width <= a.x + a.width && b.y + b.height <= a.y + a.height;

const host = (app: GraphPage, name: string) => app.page.getByTestId(`host-${name}`);
/** A container's card in one host's frame (names repeat across engines). */
async function cardOn(app: GraphPage, hostName: string, container: string) {
  const frame = await box(host(app, hostName));
  for (const card of await app.container(container).all()) if (inside(frame, await box(card))) return card;
  return null;
}

test('each engine is a host frame of its own, around its own projects, titled with its name, version and state', async ({ app }) => {
  await app.waitForGraph();
  await app.viewSettled();
  for (const node of nodes) {
    await expect(host(app, node.name)).toHaveAttribute('data-state', 'live');
    await expect(host(app, node.name)).toContainText(`${node.name}Docker 20.10`);
    await expect(host(app, node.name)).toContainText(`on ${node.name}live`);
    // Each engine's own helper runs: no frame says its kernel view is missing.
    await expect(host(app, node.name).getByTestId('host-kernel')).toHaveCount(0);
  }
  await expect(app.page.getByTestId('engine')).toHaveText('3 engines · 3 live');
  // Each project sits in its own engine's frame; the two "web" cards, one in each of theirs.
  for (const [hostName, group] of [
    ['node1', 'shop'],
    ['node2', 'blog'],
    ['node3', 'monitor'],
  ] as const) {
    expect(inside(await box(host(app, hostName)), await box(app.group(group)))).toBe(true);
  }
  await expect(app.container('web')).toHaveCount(2);
  expect(await cardOn(app, 'node2', 'web')).not.toBeNull();
  expect(await cardOn(app, 'node3', 'web')).not.toBeNull();
  // No two host frames overlap.
  const frames = await Promise.all(nodes.map((node) => box(host(app, node.name))));
  for (const [i, a] of frames.entries())
    for (const b of frames.slice(i + 1))
      expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
  await app.screenshot('many-hosts');
  // The inspector says which engine a container is on.
  await app.select((await cardOn(app, 'node3', 'web'))!);
  await expect(app.inspectorField('Engine')).toHaveText('node3');
});

test('a container run on node2 appears in node2’s frame within a second of docker run returning', async ({ app }) => {
  await app.waitForGraph();
  dockerOn(nodes[1]!, 'run', '-d', '--name', 'late-arrival', TEST_IMAGE);
  await expect(app.container('late-arrival')).toBeVisible({ timeout: 1000 });
  expect(await cardOn(app, 'node2', 'late-arrival')).not.toBeNull();
});

test('a new network is made on the engine chosen in the dialog, and drawn in that engine’s frame', async ({ app }) => {
  await app.waitForGraph();
  await app.page.getByRole('button', { name: 'New network' }).click();
  const dialog = app.dialog('create-network-dialog');
  await dialog.getByLabel('Engine').selectOption('node3');
  await dialog.getByLabel('Name', { exact: true }).fill('made-on-node3');
  await dialog.getByLabel('IPv4 subnet').fill('10.251.33.0/24');
  await expect(dialog.getByTestId('equivalent-command')).toContainText('docker --context node3 network create');
  await dialog.getByLabel('IPv4 subnet').press('Enter');
  await expect(app.toast('Created network made-on-node3.')).toBeVisible();
  expect(dockerOn(nodes[2]!, 'network', 'ls', '--format', '{{.Name}}').split('\n')).toContain('made-on-node3');
  expect(dockerOn(nodes[0]!, 'network', 'ls', '--format', '{{.Name}}').split('\n')).not.toContain('made-on-node3');
  await expect(app.network('made-on-node3')).toBeVisible();
  expect(inside(await box(host(app, 'node3')), await box(app.network('made-on-node3')))).toBe(true);
});

test('an engine that stops greys only its own frame, and says why; the others stay live', async ({ app }) => {
  await app.waitForGraph();
  stopNode('node3');
  await expect(host(app, 'node3')).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 });
  await expect(host(app, 'node3').getByRole('status')).toContainText(/node3/);
  await expect(host(app, 'node1')).toHaveAttribute('data-state', 'live');
  await expect(host(app, 'node2')).toHaveAttribute('data-state', 'live');
  await expect(app.banner).toHaveCount(0);
  await expect(app.page.getByTestId('engine')).toHaveText('3 engines · 2 live');
  // node1 is still followed live while node3 is away.
  dockerOn(nodes[0]!, 'run', '-d', '--name', 'while-away', TEST_IMAGE);
  await expect(app.container('while-away')).toBeVisible({ timeout: 2000 });
  await app.screenshot('many-hosts-one-down');
  startNode('node3');
  await expect(host(app, 'node3')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
});
