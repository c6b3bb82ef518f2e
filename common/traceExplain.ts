/**
 * Pure: a trace's evidence (what each hop saw of the marked probe, which firewall rules counted packets meanwhile)
 * made into the report a person reads: how far the packets got, and why they stopped there, from the kernel's own
 * counters and captures, never guessed. Where nothing explains the loss, it says so plainly, with the last hop seen.
 */
import { readRule } from './firewall.js';
import { policyWords, ruleWords, type FirewallNames } from './firewallView.js';
import type { CountedRule, TraceResult } from './helperProtocol.js';
import type { TraceHopReport, TracePlan, TraceReason, TraceReport, TraceSpec } from './trace.js';

const DROPPING = new Set(['DROP', 'REJECT']);

export function explainTrace(spec: TraceSpec, plan: TracePlan, result: TraceResult): TraceReport {
  const names: FirewallNames = { bridges: plan.bridges };
  const hops: TraceHopReport[] = plan.hops.map((hop, index) => {
    const seen = result.hops[index];
    const watched = seen && !seen.error;
    const first = seen?.packets.find((p) => p.kind === 'request');
    return {
      ...hop,
      request: watched ? seen.requests > 0 : null,
      reply: watched ? seen.replies + seen.errors > 0 : null,
      error: seen?.error ?? (seen ? null : 'not watched'),
      seen: first ? { src: first.src, dst: first.dst, size: first.size } : null,
      mtu: seen?.mtu ?? 0,
    };
  });
  const counted = result.counted.map((c) => ({ table: c.table, chain: c.chain, line: lineOf(c), delta: c.delta }));
  const report: TraceReport = {
    spec,
    from: { id: plan.from?.id ?? null, name: plan.from?.name ?? 'the host' },
    target: { text: spec.target, address: plan.address, containerId: plan.target?.id ?? null, name: plan.target?.name ?? null },
    proto: plan.proto,
    port: plan.port,
    hops,
    outcome: 'error',
    lastSeen: null,
    firstMissing: null,
    reason: null,
    dnat: dnatOf(plan, hops, result.counted),
    counted,
    elapsedMs: result.elapsedMs,
    lastPacketMs: Math.max(result.lastSentMs, ...result.hops.flatMap((h) => h.packets.map((p) => p.timeMs))),
    firewallError: result.firewallError ?? null,
  };
  const to = `${plan.target?.name ?? plan.address}${plan.port ? `:${plan.port}` : ''}`;
  if (result.outcome === 'no-route') {
    report.outcome = 'no-route';
    report.reason = {
      kind: 'no-route',
      text: `${report.from.name} has no route to ${plan.address}: the packets never leave it (ip route get ${plan.address} finds none).`,
    };
    return report;
  }
  if (result.outcome === 'error') {
    report.reason = {
      kind: 'unknown',
      text: `The trace could not send its probe from ${report.from.name}: ${result.detail ?? 'no reason given'}.`,
    };
    return report;
  }
  const watched = hops.filter((h) => h.request !== null);
  const missing = watched.find((h) => !h.request);
  report.firstMissing = missing?.label ?? null;
  report.lastSeen =
    [...watched].reverse().find((h) => h.request && watched.indexOf(h) < (missing ? watched.indexOf(missing) : watched.length))?.label ??
    null;
  const dropRule = result.counted.filter((c) => c.rule && DROPPING.has(readRule(c.rule).target ?? '')).sort(closestTo(result.sent))[0];
  const dropPolicy = result.counted.filter((c) => !c.rule && c.policy === 'drop').sort(closestTo(result.sent))[0];

  if (result.outcome === 'replied') {
    report.outcome = 'passed';
    return report;
  }
  if (result.outcome === 'refused' && !dropRule) {
    report.outcome = 'refused';
    report.reason = {
      kind: 'refused',
      text:
        plan.proto === 'tcp'
          ? `The packets reached ${to}, and it answered with a reset: nothing listens on port ${plan.port} there.`
          : `The packets reached ${to}, and it answered that the port is unreachable: nothing listens on it.`,
    };
    return report;
  }
  report.outcome = 'lost';
  const at = missing ? `between ${report.lastSeen ?? report.from.name} and ${missing.label}` : `on the way back from ${to}`;
  if (dropRule?.rule) {
    const rule = readRule(dropRule.rule);
    const words = ruleWords(rule, names);
    report.reason = {
      kind: 'rule',
      text: `Dropped ${at} by a firewall rule (${dropRule.delta} packet${dropRule.delta === 1 ? '' : 's'} counted): ${words}`,
      rule: { table: rule.table, chain: rule.chain, line: rule.text, words, delta: dropRule.delta },
    };
    return report;
  }
  if (dropPolicy) {
    // The bridge the packets were to cross: the missing hop's, else the last one on the path that has one.
    const bridge = missing?.bridge ?? [...hops].reverse().find((h) => h.bridge)?.bridge ?? undefined;
    const words = policyWords(dropPolicy.chain, dropPolicy.policy ?? 'drop', bridge, names);
    report.reason = {
      kind: 'policy',
      text: `Dropped ${at} by the ${dropPolicy.chain} chain's policy (${dropPolicy.delta} packet${dropPolicy.delta === 1 ? '' : 's'} counted): ${words}`,
      rule: {
        table: dropPolicy.table,
        chain: dropPolicy.chain,
        line: `-P ${dropPolicy.chain} ${(dropPolicy.policy ?? 'drop').toUpperCase()}`,
        words,
        delta: dropPolicy.delta,
      },
    };
    return report;
  }
  report.reason = otherReason(plan, spec, hops, result, missing ?? null, report.lastSeen, to);
  return report;
}

/** What else stops a packet, from what the hops saw: no ARP answer, a frame too big, or nothing known. */
function otherReason(
  plan: TracePlan,
  spec: TraceSpec,
  hops: TraceHopReport[],
  result: TraceResult,
  missing: TraceHopReport | null,
  lastSeen: string | null,
  to: string,
): TraceReason {
  const lastIndex = hops.findIndex((h) => h.label === lastSeen);
  const asking = result.hops.slice(0, Math.max(lastIndex + 1, 1)).find((h) => h.arpRequests > 0 && h.arpReplies === 0);
  if (asking && missing)
    return {
      kind: 'no-arp-reply',
      text: `${asking.ifname} asked who has the next hop's address (ARP) and nothing answered: no interface on that network has it, so the packets were never sent on.`,
    };
  const frame = (spec.size ?? 56) + 8 + 20;
  const narrow = hops.find((h) => h.mtu > 0 && frame > h.mtu);
  if (narrow)
    return {
      kind: 'mtu',
      text: `A ${frame}-byte packet does not fit ${narrow.label}, whose MTU is ${narrow.mtu}: it is dropped (or fragmented) there. Send smaller packets, or raise the MTU along the path.`,
    };
  if (!missing)
    return {
      kind: 'no-answer',
      text: `The packets reached ${to} at every hop, and no answer came back: nothing there answers ${plan.proto === 'icmp' ? 'ping' : `port ${plan.port}`}, or its own firewall drops it. No rule on the host counted them.`,
    };
  return {
    kind: 'unknown',
    text: `The packets were last seen at ${lastSeen ?? 'the source'} and not at ${missing.label}, and neither a firewall rule, a chain's policy, a route, ARP nor the MTU explains it (reverse-path filtering, a tc rule or a device's own drop may).`,
  };
}

/** A rewrite between the address the probe was sent to and the one a later hop saw (a published port's DNAT). */
function dnatOf(plan: TracePlan, hops: TraceHopReport[], counted: CountedRule[]): TraceReport['dnat'] {
  const rewritten = hops.find((h) => h.seen && h.seen.dst !== plan.address);
  if (!rewritten?.seen) return null;
  const rule = counted.map((c) => (c.rule ? readRule(c.rule) : null)).find((r) => r?.target === 'DNAT') ?? null;
  const port = plan.port ? `:${plan.port}` : '';
  const toPort = rule?.toDestination?.split(':')[1] ?? plan.containerPort ?? undefined;
  return {
    from: `${plan.address}${port}`,
    to: `${rewritten.seen.dst}${toPort ? `:${toPort}` : port}`,
    line: rule?.text ?? null,
  };
}

function lineOf(counted: CountedRule): string {
  return counted.rule ? readRule(counted.rule).text : `-P ${counted.chain} ${(counted.policy ?? 'accept').toUpperCase()}`;
}

/** Rules that counted about as many packets as the trace sent first (a busy rule counts others' too). */
const closestTo = (sent: number) => (a: CountedRule, b: CountedRule) => Math.abs(a.delta - sent) - Math.abs(b.delta - sent);
