/** Pure: the test panel's fields -> a TestSpec; a test's report -> the TraceSpec that follows its packets. */
import type { StepName, TestReport, TestSpec } from '../../../common/testReport';
import type { TraceSpec } from '../../../common/trace';

export function testSpecFrom(from: string, draft: { target: string; port: string; httpPath: string }): TestSpec {
  const port = Number(draft.port);
  return {
    from,
    target: draft.target.trim(),
    ...(draft.port.trim() && Number.isInteger(port) && port > 0 && port < 65536 ? { port } : {}),
    ...(draft.httpPath.trim() ? { httpPath: draft.httpPath.trim() } : {}),
  };
}

/**
 * The trace of a test, or of one of its steps: the same source and target, TCP on the port its tcp step connected
 * to, ping for a ping step (or a test with no port, or whose ping failed). Null when there is nothing to trace to (the name did
 * not resolve, or the target is the host itself).
 */
export function traceSpecFor(report: TestReport, step?: StepName): TraceSpec | null {
  const target = report.target.containerId ?? report.target.address;
  if (!target || report.target.kind === 'host') return null;
  const from = report.target.kind === 'published' ? 'host' : report.from.id;
  const tcp = report.steps.find((s) => s.name === 'tcp');
  const port = (tcp?.evidence as { port?: unknown } | null)?.port;
  // The whole test: its port, unless ping already failed (the trace then shows where the pings die).
  const pingFailed = report.steps.some((s) => s.name === 'ping' && s.status === 'fail');
  const wantsPort = step ? step === 'tcp' || step === 'http' : report.target.kind === 'published' || !pingFailed;
  if (wantsPort && typeof port === 'number') return { from, target, port, proto: 'tcp' };
  if (report.target.kind === 'published') return null;
  return { from, target, proto: 'icmp' };
}
