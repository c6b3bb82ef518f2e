/**
 * The kept helper, on the private engine: a one-shot command runs its helper in a container that stays for the
 * next command (DOCKWIRE_HELPER_KEEP seconds). The next command uses it and reads the same kernel facts as a
 * command with a helper of its own; no helper process outlives its command; the keeper leaves once idle; a
 * container of someone else's under its name is left alone; a keeper killed between commands costs nothing but
 * time; two commands at once share one; a bad setting is refused with what to write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topology } from '../../common/topology';
import { dockwire } from '../support/cli';
import { cleanup, docker, execIn, runContainer, TEST_IMAGE, TEST_LABEL } from '../support/docker';

// A runtime folder of the test's own: no running Dockwire answers these commands from its live model.
const env = { ...process.env, XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'dw-kept-run-')) };

const keptContainers = () =>
  docker('ps', '-a', '--no-trunc', '--filter', 'label=dockwire.helper.kept', '--format', '{{.ID}} {{.Names}} {{.State}}')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, name, state] = line.split(' ');
      return { id: id!, name: name!, state: state! };
    });

function removeKept(): void {
  for (const { id } of keptContainers()) docker('rm', '-f', id);
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 100)))
    if (check()) return true;
  return check();
}

async function topology(extraEnv: Record<string, string> = {}): Promise<{ topology: Topology; stderr: string }> {
  const run = await dockwire(['topology', '--json', '--fresh', '--timings'], { ...env, ...extraEnv });
  expect(run.code, run.stderr).toBe(0);
  return { topology: JSON.parse(run.stdout) as Topology, stderr: run.stderr };
}

/** The host veth of the container's eth0, as the kernel says: the host link whose ifindex is eth0's iflink. */
function hostVethTruth(container: string): string {
  const iflink = Number(execIn(container, 'cat', '/sys/class/net/eth0/iflink'));
  const host = JSON.parse(execFileSync('ip', ['-j', 'link', 'show'], { encoding: 'utf8' })) as Array<{ ifindex: number; ifname: string }>;
  return host.find((link) => link.ifindex === iflink)!.ifname;
}

const hostVethOf = (seen: Topology, name: string) => seen.containers.find((c) => c.name === name)?.endpoints[0]?.hostVeth?.name;
/** What differs between two reads of one host a moment apart: the version, the time, and traffic counters. */
const comparable = (seen: Topology) =>
  JSON.parse(JSON.stringify({ ...seen, version: 0, generatedAt: '' }, (key, value: unknown) => (key === 'stats' ? null : value)));

beforeAll(() => {
  cleanup();
  removeKept();
  runContainer('dw-kept-1', []);
});
afterAll(() => {
  cleanup();
  removeKept();
});

describe('the kept helper', () => {
  it('the next command runs in the container the first one left, and reads what a helper of its own reads', async () => {
    const first = await topology();
    expect(first.stderr).toContain('helper: run in the kept container');
    const [kept, ...others] = keptContainers();
    expect(others).toEqual([]);
    expect(kept!.state).toBe('running');
    const second = await topology();
    expect(second.stderr).toContain('helper: run in the kept container');
    expect(second.stderr).not.toContain('helper: create, start, attach its container');
    expect(keptContainers().map((c) => c.id)).toEqual([kept!.id]);
    expect(hostVethOf(second.topology, 'dw-kept-1')).toBe(hostVethTruth('dw-kept-1'));
    // The kept container is Dockwire's own: not drawn, like a command's own helper.
    expect(second.topology.containers.some((c) => c.id === kept!.id)).toBe(false);
    const own = await topology({ DOCKWIRE_HELPER_KEEP: '0' });
    expect(own.stderr).toContain('helper: create, start, attach its container');
    expect(comparable(second.topology)).toEqual(comparable(own.topology));
  });

  it('leaves no helper process behind: once the command has exited, the keeper is alone in its container', async () => {
    await topology();
    const [kept] = keptContainers();
    const processes = () => docker('top', kept!.id, '-o', 'pid,args').split('\n').slice(1).filter(Boolean);
    expect(await waitFor(() => processes().length === 1, 5000)).toBe(true);
    expect(processes()[0]).toMatch(/dockwire-helper --keep \d+$/);
  });

  it('the keeper leaves once no command has used it for DOCKWIRE_HELPER_KEEP seconds', async () => {
    removeKept();
    await topology({ DOCKWIRE_HELPER_KEEP: '2' });
    const [kept] = keptContainers();
    expect(kept?.state).toBe('running');
    const started = Date.now();
    expect(await waitFor(() => keptContainers().length === 0, 15_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThan(500);
  });

  it('a container of someone else’s under the kept name is left alone; the command starts a helper of its own', async () => {
    removeKept();
    await topology();
    const { name } = keptContainers()[0]!;
    removeKept();
    const squatter = docker('run', '-d', '--label', TEST_LABEL, '--name', name, TEST_IMAGE, 'sleep', '300');
    const seen = await topology();
    expect(seen.stderr).toContain('helper: create, start, attach its container');
    expect(hostVethOf(seen.topology, 'dw-kept-1')).toBe(hostVethTruth('dw-kept-1'));
    expect(docker('inspect', '-f', '{{.State.Running}} {{.Id}}', name)).toBe(`true ${squatter}`);
    docker('rm', '-f', squatter);
  });

  it('a keeper killed between commands costs the next command only time', async () => {
    await topology();
    const [kept] = keptContainers();
    docker('kill', kept!.id);
    const seen = await topology();
    expect(hostVethOf(seen.topology, 'dw-kept-1')).toBe(hostVethTruth('dw-kept-1'));
  });

  it('two commands at once share one kept container', async () => {
    removeKept();
    const both = await Promise.all([topology(), topology()]);
    for (const { topology: seen } of both) expect(hostVethOf(seen, 'dw-kept-1')).toBe(hostVethTruth('dw-kept-1'));
    expect(keptContainers()).toHaveLength(1);
  });

  it('DOCKWIRE_HELPER_KEEP=0 keeps nothing: the command’s own helper goes with it', async () => {
    removeKept();
    const seen = await topology({ DOCKWIRE_HELPER_KEEP: '0' });
    expect(hostVethOf(seen.topology, 'dw-kept-1')).toBe(hostVethTruth('dw-kept-1'));
    expect(keptContainers()).toEqual([]);
  });

  it('a DOCKWIRE_HELPER_KEEP that is not whole seconds is refused with what to write', async () => {
    for (const value of ['soon', '-1', '1e3', '86401']) {
      const run = await dockwire(['topology', '--json', '--fresh'], { ...env, DOCKWIRE_HELPER_KEEP: value });
      expect(run.code).not.toBe(0);
      expect(run.json.error?.message).toBe(`DOCKWIRE_HELPER_KEEP must be whole seconds from 0 to 86400, not "${value}"`);
    }
  });
});
