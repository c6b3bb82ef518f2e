/**
 * The probes a test runs, each turned into a TestStep. Two implementations:
 * the native helper inside the source's namespace (works in any image), and a
 * fallback that runs the image's own tools with docker exec (and says what it
 * could not test).
 */
import type Docker from 'dockerode';
import type { TestStep } from '../../common/testReport.js';
import type { HelperMethods, Target } from '../../common/helperProtocol.js';
import type { KernelView } from '../helper/kernelView.js';
import { collectBounded, EXEC_MAX_SECONDS } from '../util/collectBounded.js';

export interface Probes {
  via: 'helper' | 'docker-exec';
  untested: string[];
  /** timeoutMs: how long to wait for each server's answer (the helper's default when absent; the exec fallback's tools keep theirs). */
  dns(name: string, timeoutMs?: number): Promise<{ step: TestStep; address: string | null }>;
  route(address: string): Promise<TestStep>;
  ping(address: string, count?: number): Promise<TestStep>;
  tcp(address: string, port: number): Promise<TestStep>;
  http(url: string, address: string): Promise<TestStep>;
}

const ms = (value: unknown) => (typeof value === 'number' ? Math.round(value * 10) / 10 : null);

export function helperProbes(kernel: KernelView, target: Target): Probes {
  const call = async <M extends 'dns' | 'route' | 'ping' | 'tcp' | 'http'>(
    method: M,
    params: Omit<HelperMethods[M]['params'], keyof Target>,
  ): Promise<HelperMethods[M]['result']> => {
    const result = await kernel.call(method, { ...target, ...params } as HelperMethods[M]['params']);
    if (result === null) throw new Error('the helper stopped during the test');
    return result;
  };
  return {
    via: 'helper',
    untested: [],
    async dns(name, timeoutMs) {
      const result = await call('dns', { name, ...(timeoutMs ? { timeoutMs } : {}) });
      const address = result.answers.find((a) => a.type === 'A')?.address ?? null;
      const servers = result.resolvConf?.nameservers.join(', ') || 'none';
      return {
        address,
        step: {
          name: 'dns',
          status: result.resolved && address ? 'pass' : 'fail',
          summary: result.resolved
            ? `${name} is ${result.answers.map((a) => a.address).join(', ')} (asked ${result.server})`
            : `${name} does not resolve (asked ${servers})`,
          timeMs: ms(result.timeMs),
          evidence: result,
        },
      };
    },
    async route(address) {
      const result = await call('route', { destination: address });
      return {
        name: 'route',
        status: result.reachable ? 'pass' : 'fail',
        summary: result.reachable
          ? `via ${result.ifname}${result.gateway ? ` and gateway ${result.gateway}` : ' (same network)'}, from ${result.source}`
          : (result.reason ?? `no route to ${address}`),
        timeMs: null,
        evidence: result,
      };
    },
    async ping(address, count = 3) {
      const result = await call('ping', { address, count, intervalMs: 50, timeoutMs: 700 });
      const rtt = result.rttMs;
      return {
        name: 'ping',
        status: result.received > 0 ? 'pass' : 'fail',
        summary: `${result.received}/${result.sent} replies from ${address}${rtt ? `, rtt ${rtt.min.toFixed(2)}/${rtt.avg.toFixed(2)}/${rtt.max.toFixed(2)} ms` : ''}${Object.keys(result.errors).length ? ` (${Object.keys(result.errors).join(', ')})` : ''}`,
        timeMs: rtt ? ms(rtt.avg) : null,
        evidence: result,
      };
    },
    async tcp(address, port) {
      return tcpStep(address, port, await call('tcp', { address, port, timeoutMs: 2000 }));
    },
    async http(url, address) {
      return httpStep(url, await call('http', { url, address, timeoutMs: 5000 }));
    },
  };
}

/** A TCP connect's answer as a step (from a container's namespace, or from the host's). */
export function tcpStep(address: string, port: number, result: HelperMethods['tcp']['result']): TestStep {
  const said: Record<string, string> = {
    open: 'is open',
    refused: 'refused the connection',
    timeout: 'did not answer (timed out)',
    unreachable: 'is unreachable',
  };
  const shown = address.includes(':') ? `[${address}]` : address;
  return {
    name: 'tcp',
    status: result.state === 'open' ? 'pass' : 'fail',
    summary: `${shown}:${port} ${said[result.state] ?? result.state}`,
    timeMs: ms(result.timeMs),
    evidence: result,
  };
}

/** An HTTP GET's answer as a step. */
export function httpStep(url: string, result: HelperMethods['http']['result']): TestStep {
  const good = result.ok && (result.status ?? 0) < 400;
  return {
    name: 'http',
    status: good ? 'pass' : 'fail',
    summary: result.ok ? `GET ${url}: ${result.statusText}, ${result.bytes} bytes` : `GET ${url} failed: ${result.error}`,
    timeMs: ms(result.timeMs),
    evidence: result,
  };
}

/** Without the helper: the image's own nslookup, ping, nc and wget through docker exec, where they exist. */
export function execProbes(docker: Docker, containerId: string): Probes {
  const untested: string[] = [];
  // Docker cannot kill an exec, and one whose reader went away runs on (dockerd drains it): each probe runs
  // under the image's own `timeout`, so it dies by itself within the bound; an image without one runs it bare.
  let hasTimeout: boolean | null = null;
  const runOnce = async (command: string[]) => {
    const container = docker.getContainer(containerId);
    const run = await container.exec({ Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await run.start({ hijack: true, stdin: false });
    const { chunks, cut } = await collectBounded(stream, (sink) => docker.modem.demuxStream(stream, sink as never, sink as never));
    // A cut exec may still be running: its exit code is not known, so the step reads the cut output only.
    const { ExitCode } = cut ? { ExitCode: 1 } : await run.inspect();
    const output = Buffer.concat(chunks).toString('utf8');
    const missing = !cut && (ExitCode === 126 || ExitCode === 127 || /executable file not found|not found/.test(output));
    return { code: ExitCode ?? 1, output, cut, missing };
  };
  const exec = async (command: string[]): Promise<{ code: number; output: string } | null> => {
    let result = hasTimeout !== false ? await runOnce(['timeout', '-s', 'KILL', String(EXEC_MAX_SECONDS), ...command]) : null;
    if (hasTimeout === null) hasTimeout = !(result?.missing && /timeout/.test(result.output));
    if (!hasTimeout) result = await runOnce(command);
    if (!result || result.missing) return null;
    const still = hasTimeout
      ? `; it is killed within ${EXEC_MAX_SECONDS} s`
      : '; the image has no timeout, so it may still run in the container';
    return { code: result.code, output: result.output + (result.cut ? `\n[${result.cut}${still}]` : '') };
  };
  const missing = (tool: string, what: TestStep['name']): TestStep => {
    untested.push(`${what}: the image has no ${tool}`);
    return { name: what, status: 'skipped', summary: `not tested: the image has no ${tool}`, timeMs: null, evidence: null };
  };
  return {
    via: 'docker-exec',
    untested,
    async dns(name) {
      const result = await exec(['nslookup', name]).catch(() => null);
      if (!result) return { address: null, step: missing('nslookup', 'dns') };
      const address =
        [...result.output.matchAll(/Address(?: \d+)?:\s+(\d+\.\d+\.\d+\.\d+)/g)]
          .map((m) => m[1])
          .filter((a) => a && !a.endsWith('.11'))
          .pop() ?? null;
      return {
        address,
        step: {
          name: 'dns',
          status: result.code === 0 && address ? 'pass' : 'fail',
          summary: `nslookup ${name}: ${address ?? 'no answer'}`,
          timeMs: null,
          evidence: result.output,
        },
      };
    },
    async route() {
      untested.push('route: needs the native helper');
      return { name: 'route', status: 'skipped', summary: 'not tested without the native helper', timeMs: null, evidence: null };
    },
    async ping(address) {
      const result = await exec(['ping', '-c', '1', '-W', '1', address]).catch(() => null);
      if (!result) return missing('ping', 'ping');
      return {
        name: 'ping',
        status: result.code === 0 ? 'pass' : 'fail',
        summary: `ping ${address}: ${result.code === 0 ? 'reply' : 'no reply'}`,
        timeMs: null,
        evidence: result.output,
      };
    },
    async tcp(address, port) {
      // Not -z: BusyBox's nc lacks it. With no stdin, nc connects, reads EOF and exits 0.
      const result = await exec(['nc', '-w', '2', address, String(port)]).catch(() => null);
      if (!result) return missing('nc', 'tcp');
      return {
        name: 'tcp',
        status: result.code === 0 ? 'pass' : 'fail',
        summary: `${address}:${port} ${result.code === 0 ? 'is open' : 'did not accept'}`,
        timeMs: null,
        evidence: { state: result.code === 0 ? 'open' : 'refused', output: result.output },
      };
    },
    async http(url) {
      const result = await exec(['wget', '-q', '-S', '-O', '/dev/null', '-T', '5', url]).catch(() => null);
      if (!result) return missing('wget', 'http');
      const status = Number(/HTTP\/[\d.]+ (\d{3})/.exec(result.output)?.[1] ?? 0);
      return {
        name: 'http',
        status: result.code === 0 ? 'pass' : 'fail',
        summary: `GET ${url}: ${status || 'no answer'}`,
        timeMs: null,
        evidence: { status: status || undefined, statusText: String(status || ''), error: result.output.trim() },
      };
    },
  };
}
