/**
 * `dockwire test <from> <target> [--port N] [--http PATH] [--context NAME]... [--json]`: exit 0 when every step
 * passed. With engines named (--context, --host), the two may be on different engines: a test across swarm
 * nodes prints its path hop by hop.
 * `dockwire test host <IP:PORT | CONTAINER:PORT> [--http PATH]` tests a published port from the engine host.
 */
import { parseHostTarget } from '../../common/hostTestPlan.js';
import type { TestReport } from '../../common/testReport.js';
import { engineChoices, envFor } from '../config.js';
import { createBackendFor } from '../manyEngines.js';
import { cliBackend } from './cliBackend.js';
import { parseCommand } from './args.js';
import { UsageError, type Outcome } from './outcome.js';

export async function testCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(
    args,
    {
      port: { type: 'string' },
      http: { type: 'string' },
      context: { type: 'string', multiple: true },
      host: { type: 'string', multiple: true },
    },
    ['<from>', '<target>'],
  );
  const [from = '', target = ''] = positionals;
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535))
    throw new UsageError('--port takes a number from 1 to 65535');
  const engines = engineChoices(args);
  if (from === 'host') {
    if (engines.length) throw new UsageError('test host tests one engine’s published port: run it with DOCKER_CONTEXT or DOCKER_HOST');
    return hostTestCommand(target, port, values.http as string | undefined);
  }
  // Several engines: the many-engines backend, each engine with its own helper, read once.
  const backend =
    engines.length > 1
      ? createBackendFor(engines, { oneShot: true, safetyRelistMs: 3_600_000 })
      : cliBackend({ kernelView: true, ...(engines.length ? { env: envFor(engines[0]!, process.env) } : {}) });
  try {
    await backend.handlers.getTopology({});
    const report = await backend.handlers.test({
      from,
      target,
      ...(port ? { port } : {}),
      ...(values.http ? { httpPath: values.http as string } : {}),
    });
    return { ok: report.ok, result: report, text: formatReport(report) };
  } finally {
    await backend.stop();
  }
}

/** From the engine host to a published port: "web:80" (or "web" with --port 80), or "127.0.0.1:5050". */
async function hostTestCommand(target: string, port: number | undefined, httpPath: string | undefined): Promise<Outcome> {
  const spelled = port !== undefined && !/:\d+$/.test(target) ? `${target}:${port}` : target;
  if (!/:\d+$/.test(spelled)) throw new UsageError('test host takes IP:PORT or CONTAINER:PORT, for example 127.0.0.1:5050 or web:80');
  try {
    parseHostTarget(spelled);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const backend = cliBackend({ kernelView: true });
  try {
    await backend.handlers.getTopology({});
    const report = await backend.handlers.testFromHost({ target: spelled, ...(httpPath !== undefined ? { httpPath } : {}) });
    return { ok: report.ok, result: report, text: formatReport(report) };
  } finally {
    await backend.stop();
  }
}

export function formatReport(report: TestReport): string {
  const where =
    report.target.kind === 'published'
      ? `${report.mapping ? ` (${report.mapping})` : ''}, from the host's network namespace`
      : `${report.target.address && report.target.address !== report.target.text ? ` (${report.target.address})` : ''}, ${report.via === 'helper' ? 'from inside its network namespace' : 'with docker exec of the image’s own tools (no helper)'}`;
  const lines = [`${report.from.name} -> ${report.target.text}${where}`];
  for (const step of report.steps) {
    const mark = step.status === 'pass' ? 'ok  ' : step.status === 'fail' ? 'FAIL' : 'skip';
    lines.push(`  ${mark} ${step.name.padEnd(5)} ${step.summary}${step.timeMs !== null ? `  (${step.timeMs} ms)` : ''}`);
  }
  for (const diagnosis of report.diagnosis) {
    lines.push(`why: ${diagnosis.text}`);
    if (diagnosis.fix) lines.push(`fix: ${diagnosis.fix.label}:  dockwire connect ${report.from.name} ${diagnosis.fix.networkName}`);
  }
  if (report.acrossNodes) {
    lines.push('across the nodes:');
    for (const hop of report.acrossNodes)
      lines.push(`  ${hop.status === 'pass' ? 'ok  ' : hop.status === 'fail' ? 'FAIL' : '?   '} ${hop.host}: ${hop.what}`);
  }
  for (const gap of report.untested) lines.push(`not tested: ${gap}`);
  lines.push(report.ok ? 'every step passed' : 'the test failed');
  return lines.join('\n');
}
