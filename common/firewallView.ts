/**
 * Pure: what the host's firewall means here, for the person reading it: Docker's rules in plain words (its
 * isolation, its published ports, your DOCKER-USER rules, a chain's policy), the view the inspector and
 * `dockwire firewall` show (every chain, each rule in iptables' and plain words, with counters), and the part of
 * it that concerns one container or network. The rules themselves are read by ./firewall.ts.
 */
import { readRule, type FirewallRule, type RuleMatch } from './firewall.js';
import type { Firewall } from './helperProtocol.js';

/** What the firewall's names mean here: each Docker bridge's network (`br-1a2b…` → `shop_default`). */
export interface FirewallNames {
  bridges: Map<string, string>;
}

const networkWords = (bridge: string | undefined, names: FirewallNames) => {
  if (!bridge) return 'a bridge';
  const network = names.bridges.get(bridge.replace(/\+$/, ''));
  return network ? `${network} (bridge ${bridge})` : `bridge ${bridge}`;
};

/** A rule in plain words: what Docker means by it (its isolation, its published ports, your DOCKER-USER rules). */
export function ruleWords(rule: FirewallRule, names: FirewallNames): string {
  const { chain, target, match } = rule;
  const dropping = target === 'DROP' || target === 'REJECT';
  const inNet = networkWords(match.in?.name, names);
  const outNet = networkWords(match.out?.name, names);
  const sameBridge = match.in && match.out && match.in.name === match.out.name;
  if (chain === 'DOCKER-ISOLATION-STAGE-2' && dropping)
    return `Docker isolates networks from each other: packets from another Docker network into ${outNet} are dropped.`;
  if (chain === 'DOCKER-ISOLATION-STAGE-1' && target === 'DOCKER-ISOLATION-STAGE-2')
    return `Docker's isolation, first stage: packets leaving ${inNet} for another network go on to the second stage.`;
  if (chain.startsWith('DOCKER-ISOLATION') && target === 'RETURN' && !match.in && !match.out)
    return "The end of Docker's isolation checks.";
  if (chain === 'DOCKER-USER' && target === 'RETURN' && !match.in && !match.out && !match.src && !match.dst)
    return "The end of DOCKER-USER (where your own rules go): on to Docker's.";
  if (chain === 'DOCKER-USER' && dropping)
    return 'A rule in DOCKER-USER: Docker keeps the rules of yours there, and runs them before its own.';
  if (chain === 'FORWARD' && dropping && sameBridge && !match.in!.not && !match.out!.not)
    return `Inter-container communication is off on ${inNet} (com.docker.network.bridge.enable_icc=false): its containers cannot reach each other.`;
  if (chain === 'FORWARD' && target === 'ACCEPT' && match.ctstate?.includes('ESTABLISHED') && match.out)
    return `Answers to connections made from ${outNet} are let back in.`;
  if (chain === 'FORWARD' && target === 'DOCKER' && match.out)
    return `New packets into ${outNet} go to the DOCKER chain: only published ports are let in.`;
  if (chain === 'FORWARD' && target === 'ACCEPT' && sameBridge && !match.in!.not && !match.out!.not)
    return `Containers on ${inNet} may reach each other.`;
  if (chain === 'FORWARD' && target === 'ACCEPT' && match.in && match.out?.not)
    return `${capital(inNet)} may reach out of its network (unless isolation stops it).`;
  if (chain === 'DOCKER' && target === 'ACCEPT' && match.dst && match.dport)
    return `A published port: packets for ${match.dst.cidr.replace('/32', '')}:${match.dport} from outside ${outNet} are let in.`;
  if (target === 'DNAT')
    return `Docker's published port: packets to ${match.dst && !match.dst.not ? match.dst.cidr.replace('/32', '') : 'the host'}${match.dport ? `:${match.dport}` : ''} go to ${rule.toDestination ?? 'the container'}.`;
  if (rule.table === 'nat' && chain === 'DOCKER' && target === 'RETURN' && match.in)
    return `Packets from ${inNet} itself are not rewritten.`;
  if (rule.table === 'nat' && target === 'DOCKER' && match.addrtype?.dst === 'LOCAL')
    return "Packets to one of the host's own addresses are checked against Docker's published ports.";
  if (target === 'MASQUERADE' && match.src && match.dst && match.src.cidr === match.dst.cidr)
    return `A container reaching its own published port (hairpin): the packets are made to come from the host.`;
  if (target === 'MASQUERADE')
    return `Docker masquerades what leaves ${match.src?.cidr ?? 'its networks'} for elsewhere as the host's own address.`;
  if (dropping) return `A rule in ${rule.table} ${chain} ${target === 'REJECT' ? 'rejects' : 'drops'} these packets.`;
  return `A rule in ${rule.table} ${chain}${target ? ` (${target})` : ''}.`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A base chain's policy in plain words, when it is what dropped the packets. */
export function policyWords(chain: string, policy: string, bridge: string | undefined, names: FirewallNames): string {
  if (chain === 'FORWARD' && policy === 'drop') {
    const unmanaged = bridge && !names.bridges.has(bridge);
    return `The FORWARD chain's policy is DROP (Docker sets it when it starts): forwarded packets that no rule accepts are dropped. Docker accepts traffic only on its own bridges${
      unmanaged
        ? `, and ${bridge} is not one (a bridge made by hand): accept it in DOCKER-USER, e.g. iptables -I DOCKER-USER -i ${bridge} -o ${bridge} -j ACCEPT`
        : ''
    }.`;
  }
  return `The ${chain} chain's policy is ${policy.toUpperCase()}: packets that no rule of it accepts are ${policy === 'drop' ? 'dropped' : 'let through'}.`;
}

/** One rule as the firewall view shows it: iptables' line, what it means, and its counters. */
export interface FirewallViewRule {
  handle: number;
  line: string;
  words: string;
  match: RuleMatch;
  target: string | null;
  toDestination: string | null;
  packets: number;
  bytes: number;
}

export interface FirewallViewChain {
  family: string;
  table: string;
  name: string;
  /** A base chain's hook and policy; absent for a chain only jumped to (Docker's, yours). */
  hook: string | null;
  policy: 'accept' | 'drop' | null;
  packets: number | null;
  rules: FirewallViewRule[];
}

/** The host's firewall, read-only, as the inspector and `dockwire firewall` show it. */
export interface FirewallView {
  chains: FirewallViewChain[];
  /** Tables of legacy iptables in use (not nf_tables): their rules are not read, and the view says so. */
  legacy: string[];
  truncated: string[];
  readAt: string;
}

/** The firewall's chains with their rules in kernel order, each rule in iptables' and plain words. */
export function firewallView(firewall: Firewall, names: FirewallNames, readAt: string): FirewallView {
  const byChain = new Map<string, FirewallViewRule[]>();
  for (const rule of firewall.rules) {
    const read = readRule(rule);
    const key = `${rule.family} ${rule.table} ${rule.chain}`;
    const list = byChain.get(key) ?? [];
    list.push({
      handle: rule.handle,
      line: read.text,
      words: ruleWords(read, names),
      match: read.match,
      target: read.target,
      toDestination: read.toDestination,
      packets: read.packets,
      bytes: read.bytes,
    });
    byChain.set(key, list);
  }
  return {
    chains: firewall.chains.map((c) => ({
      family: c.family,
      table: c.table,
      name: c.name,
      hook: c.hook ?? null,
      policy: c.hook ? (c.policy ?? 'accept') : null,
      packets: c.counters?.packets ?? null,
      rules: byChain.get(`${c.family} ${c.table} ${c.name}`) ?? [],
    })),
    legacy: firewall.legacy,
    truncated: firewall.truncated ?? [],
    readAt,
  };
}

/** What the inspector shows the rules of: a network (its bridge and subnets), a published port, or the whole host. */
export type FirewallScope =
  | { kind: 'network'; bridge: string | null; subnets: string[] }
  | { kind: 'ports'; ports: Array<{ hostPort: number; protocol: string; containerAddress: string | null; containerPort: number }> }
  | { kind: 'host' };

export interface ScopedChain {
  chain: FirewallViewChain;
  rules: FirewallViewRule[];
}

const interfacesOf = (m: RuleMatch) => [m.in?.name, m.out?.name].filter((n): n is string => Boolean(n));
const coversInterface = (pattern: string, ifname: string) =>
  pattern.endsWith('+') ? ifname.startsWith(pattern.slice(0, -1)) : pattern === ifname;
const cidrOf = (m: RuleMatch) => [m.src?.cidr, m.dst?.cidr].filter((c): c is string => Boolean(c));

/** The rules that concern a scope, chain by chain: filter before nat, base chains first (a policy reads before the rules it backs). */
export function rulesFor(view: FirewallView, scope: FirewallScope): ScopedChain[] {
  const concerns = (rule: FirewallViewRule): boolean => {
    const { match } = rule;
    if (scope.kind === 'host') return true;
    if (scope.kind === 'network') {
      const bridge = scope.bridge;
      return (
        (bridge !== null && interfacesOf(match).some((n) => coversInterface(n, bridge))) ||
        cidrOf(match).some((cidr) => scope.subnets.includes(cidr))
      );
    }
    return scope.ports.some((port) => {
      const toContainer =
        port.containerAddress !== null && match.dst?.cidr === `${port.containerAddress}/32` && match.dport === String(port.containerPort);
      const published = rule.target === 'DNAT' && match.dport === String(port.hostPort) && match.proto?.name === port.protocol;
      return toContainer || published;
    });
  };
  return view.chains
    .filter((c) => c.family === 'ip' && (c.table === 'filter' || c.table === 'nat'))
    .map((chain) => ({ chain, rules: chain.rules.filter(concerns) }))
    .filter(({ chain, rules }) => rules.length > 0 || (scope.kind !== 'ports' && chain.hook === 'forward'))
    .sort(
      (a, b) =>
        Number(a.chain.table === 'nat') - Number(b.chain.table === 'nat') || Number(Boolean(b.chain.hook)) - Number(Boolean(a.chain.hook)),
    );
}
