/**
 * The kernel view in the window: endpoints show the host veth that `ip link`
 * reports, and a veth wired by hand (the seed's steps) appears within a second.
 */
import { execFileSync } from 'node:child_process';
import { cleanup, createNetwork, inspectJson, runContainer } from '../../tests/support/docker';
import { expect, test } from '../fixtures';

const sh = (...args: string[]) => execFileSync(args[0]!, args.slice(1), { encoding: 'utf8' });
const pidOf = (name: string) => String(inspectJson<{ State: { Pid: number } }>('container', name).State.Pid);
const A = `dwA${process.pid % 100000}`;
const B = `dwB${process.pid % 100000}`;

test.beforeAll(() => {
  cleanup();
  createNetwork('k-net', '10.246.0.0/24');
  runContainer('k-web', ['--network', 'k-net']);
  runContainer('k-none', ['--network', 'none']);
});
test.afterAll(() => {
  try {
    execFileSync('ip', ['link', 'del', A], { stdio: 'ignore' });
  } catch {
    // already deleted by the test, as it should be
  }
  cleanup();
});

test('an endpoint shows the host veth name and ifindex that ip link reports', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.helperStatus).toHaveText('kernel view: container helper');
  const inside = JSON.parse(sh('nsenter', '-t', pidOf('k-web'), '-n', 'ip', '-j', 'link', 'show', 'eth0'))[0] as {
    ifindex: number;
    link_index: number;
  };
  const veth = JSON.parse(sh('ip', '-j', 'link', 'show', 'type', 'veth')).find(
    (l: { ifindex: number }) => l.ifindex === inside.link_index,
  ) as { ifname: string; ifindex: number };
  await expect(app.endpointLabel('k-web', 'k-net')).toContainText(`${veth.ifname} ↔ eth0`);
  await app.endpointLabel('k-web', 'k-net').click();
  await expect(app.inspectorField('Host veth')).toHaveText(veth.ifname);
  await expect(app.inspectorField('Host veth ifindex')).toHaveText(String(veth.ifindex));
  await expect(app.inspectorField('Interface ifindex')).toHaveText(String(inside.ifindex));
  await app.select(app.network('k-net'));
  await expect(app.inspectorField('Bridge ports')).toContainText(veth.ifname);
});

test('a veth wired by hand onto docker0 appears within a second, marked as unknown to Docker', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('k-none')).toContainText('isolated: only lo');
  const pid = pidOf('k-none');
  sh('ip', 'link', 'add', A, 'type', 'veth', 'peer', 'name', B);
  sh('ip', 'link', 'set', A, 'master', 'docker0');
  sh('ip', 'link', 'set', A, 'up');
  sh('ip', 'link', 'set', B, 'netns', pid);
  sh('nsenter', '-t', pid, '-n', 'ip', 'link', 'set', 'dev', B, 'name', 'eth0');
  sh('nsenter', '-t', pid, '-n', 'ip', 'link', 'set', 'eth0', 'up');
  sh('nsenter', '-t', pid, '-n', 'ip', 'addr', 'add', '172.17.42.99/16', 'dev', 'eth0');
  await expect(app.handWiredLabel('k-none', 'bridge')).toContainText(`${A} ↔ eth0`, { timeout: 1000 });
  await expect(app.handWiredLabel('k-none', 'bridge')).toContainText('172.17.42.99/16');
  await expect(app.handWiredLabel('k-none', 'bridge')).toContainText('wired by hand');
  await app.search('k-');
  await app.handWiredLabel('k-none', 'bridge').click();
  await expect(app.inspector).toContainText('Docker does not know this endpoint');
  await expect(app.inspectorField('On bridge')).toHaveText('docker0');
  await app.fitView();
  await app.screenshot('kernel-hand-wired');

  sh('ip', 'link', 'del', A);
  await expect(app.handWiredLabel('k-none', 'bridge')).toHaveCount(0, { timeout: 1000 });
});
