/**
 * A test from the engine host to a published port (`dockwire test host …`,
 * "Test from host"): a TCP connect, and an HTTP GET when asked, from the
 * helper's own network namespace, which is the host's; then what listens
 * inside the container explains a publication that leads nowhere. What lies
 * between (Docker's userland proxy, NAT rules) is not inspected, and the
 * report says so.
 */
import { DockwireError } from '../../common/errors.js';
import { planHostTest, listeningDiagnosis, type HostTestSpec } from '../../common/hostTestPlan.js';
import type { TestReport } from '../../common/testReport.js';
import type { Topology } from '../../common/topology.js';
import type { KernelView } from '../helper/kernelView.js';
import { withFreshListening } from './freshListening.js';
import { httpStep, tcpStep } from './helperProbes.js';

const NOT_INSPECTED =
  "the path between the host port and the container (Docker's userland proxy, NAT rules): not inspected by this test; Trace the path follows it";

export async function runHostTest(kernel: KernelView, topology: Topology, spec: HostTestSpec): Promise<TestReport> {
  const plan = planHostTest(topology, spec);
  if (!kernel.running)
    throw new DockwireError(
      'invalid',
      `A test from the host needs the native helper, which runs in the host's network namespace: ${topology.helper.reason ?? 'it is not running'}.`,
    );
  const report: TestReport = {
    from: { id: '', name: 'the engine host' },
    target: { text: spec.target, kind: 'published', containerId: plan.container?.id ?? null, address: plan.address },
    ...(plan.mapping ? { mapping: plan.mapping } : {}),
    steps: [],
    diagnosis: [...plan.diagnosis],
    ok: false,
    via: 'helper',
    untested: [NOT_INSPECTED],
  };
  const stopped = plan.diagnosis.some((d) => d.code === 'target-stopped');
  if (!plan.address || stopped) return report;

  const call = async <T>(result: Promise<T | null>) => {
    const value = await result;
    if (value === null) throw new Error('the helper stopped during the test');
    return value;
  };
  const tcp = tcpStep(
    plan.address,
    plan.port,
    await call(kernel.call('hostTcp', { address: plan.address, port: plan.port, timeoutMs: 2000 })),
  );
  report.steps.push(tcp);
  if (tcp.status === 'pass' && spec.httpPath !== undefined) {
    const host = plan.address.includes(':') ? `[${plan.address}]` : plan.address;
    const url = `http://${host}:${plan.port}${spec.httpPath.startsWith('/') ? '' : '/'}${spec.httpPath}`;
    report.steps.push(httpStep(url, await call(kernel.call('hostHttp', { url, address: plan.address, timeoutMs: 5000 }))));
  }
  const inside = listeningDiagnosis({ ...plan, container: await withFreshListening(kernel, plan.container) }, report.steps);
  if (inside) report.diagnosis.push(inside);
  else if (tcp.status === 'fail' && !report.diagnosis.length) {
    const state = (tcp.evidence as { state?: string }).state;
    report.diagnosis.push(
      state === 'refused'
        ? {
            code: 'port-closed',
            text: `Nothing accepts connections on ${plan.address}:${plan.port} on the host: the connection was refused.`,
          }
        : {
            code: 'port-filtered',
            text: `${plan.address}:${plan.port} did not answer from the host (${state ?? 'no reply'}): a firewall drops it.`,
          },
    );
  }
  const http = report.steps.find((s) => s.name === 'http');
  if (http?.status === 'fail' && !inside) {
    const evidence = http.evidence as { status?: number; statusText?: string; error?: string };
    report.diagnosis.push(
      evidence.status
        ? { code: 'http-error', text: `The server answered, with an error: ${evidence.statusText ?? evidence.status}.` }
        : { code: 'http-failed', text: `The HTTP request failed: ${evidence.error ?? 'no answer'}.` },
    );
  }
  report.ok = report.steps.length > 0 && report.steps.every((s) => s.status === 'pass') && report.diagnosis.length === 0;
  return report;
}
