/** `dockwire test <from> <target> [--port N] [--http PATH] [--json]`: exit 0 when every step passed. */
import { parseArgs } from 'node:util';
import type { TestReport } from '../../common/testReport.js';
import { createBackend } from '../backend.js';
import { UsageError } from './changeCommands.js';

export async function testCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { port: { type: 'string' }, http: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [from, target, ...extra] = parsed.positionals;
  if (!from || !target || extra.length) throw new UsageError('expected <from> <target>');
  const port = parsed.values.port === undefined ? undefined : Number(parsed.values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new UsageError('--port takes a number from 1 to 65535');
  const backend = createBackend({ safetyRelistMs: 3_600_000 });
  try {
    await backend.handlers.getTopology({});
    const report = await backend.handlers.test({ from, target, ...(port ? { port } : {}), ...(parsed.values.http ? { httpPath: parsed.values.http } : {}) });
    console.log(parsed.values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await backend.stop();
  }
}

export function formatReport(report: TestReport): string {
  const lines = [
    `${report.from.name} -> ${report.target.text}${report.target.address && report.target.address !== report.target.text ? ` (${report.target.address})` : ''}, ${report.via === 'helper' ? 'from inside its network namespace' : 'with docker exec of the image’s own tools (no helper)'}`,
  ];
  for (const step of report.steps) {
    const mark = step.status === 'pass' ? 'ok  ' : step.status === 'fail' ? 'FAIL' : 'skip';
    lines.push(`  ${mark} ${step.name.padEnd(5)} ${step.summary}${step.timeMs !== null ? `  (${step.timeMs} ms)` : ''}`);
  }
  for (const diagnosis of report.diagnosis) {
    lines.push(`why: ${diagnosis.text}`);
    if (diagnosis.fix) lines.push(`fix: ${diagnosis.fix.label}:  dockwire connect ${report.from.name} ${diagnosis.fix.networkName}`);
  }
  for (const gap of report.untested) lines.push(`not tested: ${gap}`);
  lines.push(report.ok ? 'every step passed' : 'the test failed');
  return lines.join('\n');
}
