/**
 * Ground truth and scenario building through the real `docker` CLI, as a
 * person would type it. Everything made here carries the label
 * dockwire.test=1 so cleanup can find it even after a failed run.
 */
import { execFileSync } from 'node:child_process';

export const TEST_IMAGE = 'dockwire-test/busybox:2';
export const TEST_LABEL = 'dockwire.test=1';

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function inspectJson<T = Record<string, unknown>>(kind: 'network' | 'container', name: string): T {
  return (JSON.parse(docker(kind, 'inspect', name)) as T[])[0] as T;
}

export function createNetwork(name: string, subnet: string, ...extra: string[]): string {
  return docker('network', 'create', '--label', TEST_LABEL, '--subnet', subnet, ...extra, name);
}

/** `docker run -d` of the test image; `args` go before the image, `command` after it. */
export function runContainer(name: string, args: string[], command: string[] = []): string {
  return docker('run', '-d', '--label', TEST_LABEL, '--name', name, ...args, TEST_IMAGE, ...command);
}

/**
 * Removes every container and network a test made, including leftovers of earlier runs.
 * Containers are stopped before they are removed: Docker 20.10 can leak a network endpoint
 * when `rm -f` of hundreds of containers races its own exit handling (and, rarely, even after a
 * stop), and the network then says it "has active endpoints": those are disconnected by force.
 */
export function cleanup(): void {
  const containers = docker('ps', '-aq', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  for (let i = 0; i < containers.length; i += 100) {
    // A container may go meanwhile (the app removing it as the test ends): only those still there are removed.
    const present = (ids: string[]) =>
      docker('ps', '-aq', '--no-trunc', ...ids.flatMap((id) => ['--filter', `id=${id}`]))
        .split('\n')
        .filter(Boolean);
    const batch = present(containers.slice(i, i + 100));
    if (!batch.length) continue;
    tolerateGone(() => docker('stop', '-t', '0', ...batch));
    tolerateGone(() => docker('rm', ...present(batch)));
  }
  const networks = docker('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean);
  if (!networks.length) return;
  try {
    docker('network', 'rm', ...networks);
  } catch {
    // Some were removed; those left have an endpoint Docker leaked (its container is gone): drop it, then remove them.
    let restarted = false;
    for (const network of docker('network', 'ls', '-q', '--filter', `label=${TEST_LABEL}`).split('\n').filter(Boolean)) {
      removeLeakedEndpoints(network);
      try {
        docker('network', 'rm', network);
      } catch (error) {
        // A leak Docker does not even list (Containers is empty, yet "has active endpoints"): the daemon fixes its
        // endpoint count when it starts ("Fixing inconsistent endpoint_cnt"), so the private engine is restarted once.
        if (restarted) throw error;
        restartPrivateEngine();
        restarted = true;
        docker('network', 'rm', network);
      }
    }
  }
}

/** Runs a docker command whose only failure may be that some container went away meanwhile. */
function tolerateGone(command: () => unknown): void {
  try {
    command();
  } catch (error) {
    const said = String((error as { stderr?: unknown }).stderr ?? (error as Error).message);
    if (!said.split('\n').every((line) => !line.trim() || /No such container|Command failed/.test(line))) throw error;
  }
}

const ENGINE_SCRIPT = new URL('../../scripts/engine.sh', import.meta.url).pathname;

/** Stops and starts the tests' own engine (scripts/engine.sh): never an engine the tests did not start. */
function restartPrivateEngine(): void {
  execFileSync('bash', [ENGINE_SCRIPT, 'stop'], { stdio: 'ignore' });
  execFileSync('bash', [ENGINE_SCRIPT, 'start'], { stdio: 'ignore' });
  // A container the engine was removing when it stopped is finished off in the background once it starts again: wait
  // for that, so the next test starts from an engine that holds only what it made.
  const deadline = Date.now() + 60_000;
  const lingering = () =>
    ['removing', 'dead'].flatMap((status) => docker('ps', '-aq', '--filter', `status=${status}`).split('\n').filter(Boolean));
  while (lingering().length > 0) {
    if (Date.now() > deadline)
      throw new Error(`containers still being removed a minute after the engine restarted: ${lingering().join(' ')}`);
    execFileSync('sleep', ['0.5']);
  }
}

/** `docker network disconnect --force` is Docker's way to remove an endpoint whose container no longer exists. */
function removeLeakedEndpoints(network: string): void {
  const endpoints = JSON.parse(docker('network', 'inspect', '-f', '{{json .Containers}}', network) || '{}') as Record<
    string,
    { Name: string }
  > | null;
  for (const [id, { Name }] of Object.entries(endpoints ?? {})) {
    try {
      docker('network', 'disconnect', '--force', network, Name || id);
    } catch {
      // Already gone.
    }
  }
}

/** Runs a command inside a container and returns its output (for ping/wget ground truth). */
export function execIn(container: string, ...command: string[]): string {
  return docker('exec', container, ...command);
}
