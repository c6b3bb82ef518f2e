/**
 * `dockwire trace <from|host> <target>[:PORT] [--proto icmp|tcp|udp] [--size N] [--json]`: the packets followed hop
 * by hop, and the rule, policy, route or ARP that stopped them; exit 0 when they got there and back.
 * `dockwire firewall [--json]`: the host's firewall, read-only, in iptables' words with counters.
 */
import type { FirewallView } from '../../common/firewallView.js';
import type { TraceProto, TraceReport } from '../../common/trace.js';
import { parseCommand } from './args.js';
import { cliBackend } from './cliBackend.js';
import { UsageError, type Outcome } from './outcome.js';

const PROTOS: TraceProto[] = ['icmp', 'tcp', 'udp'];

export async function traceCommand(args: string[]): Promise<Outcome> {
  const { values, positionals } = parseCommand(args, { port: { type: 'string' }, proto: { type: 'string' }, size: { type: 'string' } }, [
    '<from>',
    '<target>',
  ]);
  const [from = '', spelled = ''] = positionals;
  const withPort = /^(.+):(\d+)$/.exec(spelled);
  const target = withPort?.[1] ?? spelled;
  const port = numberOption('--port', (values.port as string | undefined) ?? withPort?.[2], 1, 65535);
  const size = numberOption('--size', values.size as string | undefined, 8, 9000);
  const proto = values.proto as TraceProto | undefined;
  if (proto !== undefined && !PROTOS.includes(proto)) throw new UsageError('--proto takes icmp, tcp or udp');
  if (proto && proto !== 'icmp' && !port) throw new UsageError(`a ${proto} trace needs a port: ${target}:PORT or --port N`);
  const backend = cliBackend({ kernelView: true });
  try {
    await backend.handlers.getTopology({});
    const report = await backend.handlers.trace({
      from,
      target,
      ...(port ? { port } : {}),
      ...(proto ? { proto } : {}),
      ...(size ? { size } : {}),
    });
    return { ok: report.outcome === 'passed', result: report, text: formatTrace(report) };
  } finally {
    await backend.stop();
  }
}

export async function firewallCommand(args: string[]): Promise<Outcome> {
  parseCommand(args, {}, []);
  const backend = cliBackend({ kernelView: true });
  try {
    await backend.handlers.getTopology({});
    const view = await backend.handlers.getFirewall({});
    return { ok: true, result: view, text: formatFirewall(view) };
  } finally {
    await backend.stop();
  }
}

function numberOption(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} takes a number from ${min} to ${max}`);
  return value;
}

const mark = (seen: boolean | null) => (seen === null ? '?' : seen ? 'yes' : 'no');

export function formatTrace(report: TraceReport): string {
  const what = report.proto === 'icmp' ? 'ping' : `${report.proto} port ${report.port}`;
  const to = report.target.name ? `${report.target.name} (${report.target.address})` : report.target.address;
  const lines = [`${report.from.name} -> ${to}, ${what}`];
  const width = Math.max(...report.hops.map((h) => h.label.length), 3);
  lines.push(`  ${'hop'.padEnd(width)}  sent  answered`);
  for (const hop of report.hops) {
    const note = hop.error
      ? `  (not watched: ${hop.error})`
      : hop.seen && hop.seen.dst !== report.target.address
        ? `  (to ${hop.seen.dst})`
        : '';
    lines.push(`  ${hop.label.padEnd(width)}  ${mark(hop.request).padEnd(4)}  ${mark(hop.reply)}${note}`);
  }
  if (report.dnat) lines.push(`rewritten: ${report.dnat.from} -> ${report.dnat.to}${report.dnat.line ? `  by  ${report.dnat.line}` : ''}`);
  const outcome = {
    passed: 'passed: there and back',
    lost: 'lost',
    refused: 'refused',
    'no-route': 'no route',
    error: 'error',
  }[report.outcome];
  lines.push(`${outcome}${report.reason ? `: ${report.reason.text}` : ''}`);
  if (report.reason && 'rule' in report.reason) lines.push(`rule: ${report.reason.rule.line}  (table ${report.reason.rule.table})`);
  if (report.counted.length) {
    lines.push('rules that counted packets meanwhile:');
    for (const rule of report.counted.slice(0, 20)) lines.push(`  +${rule.delta}  ${rule.table}  ${rule.line}`);
  }
  if (report.firewallError) lines.push(`firewall not read: ${report.firewallError}`);
  return lines.join('\n');
}

export function formatFirewall(view: FirewallView): string {
  const lines: string[] = [];
  const tables = [...new Set(view.chains.map((c) => `${c.family} ${c.table}`))];
  for (const table of tables) {
    lines.push(`table ${table}`);
    const chains = view.chains.filter((c) => `${c.family} ${c.table}` === table);
    for (const chain of chains.filter((c) => c.hook))
      lines.push(`  -P ${chain.name} ${chain.policy?.toUpperCase()}${chain.packets !== null ? `  [${chain.packets} packets]` : ''}`);
    for (const chain of chains.filter((c) => !c.hook)) lines.push(`  -N ${chain.name}`);
    for (const chain of chains) for (const rule of chain.rules) lines.push(`  ${rule.line}  [${rule.packets} packets]`);
  }
  if (view.legacy.length) lines.push(`legacy iptables tables in use, not read: ${view.legacy.join(', ')}`);
  for (const cut of view.truncated) lines.push(`cut short: ${cut}`);
  return lines.join('\n');
}
