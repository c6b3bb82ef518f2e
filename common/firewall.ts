/**
 * Pure: the host's firewall (nf_tables, as the helper reads it) in iptables' words. Each rule's expressions are
 * run symbolically (what each register holds, what each comparison asks) and written back as `iptables -S` would
 * print the rule, for the shapes iptables-nft writes (Docker's among them); a rule of another shape is shown as the
 * expressions it is, never guessed. Pure: the backend and the CLI explain a trace with it, the inspector shows it.
 */
import type { Firewall, NftChain, NftExpr, NftRule } from './helperProtocol.js';

export interface RuleMatch {
  /** -i / -o: an interface name; `+` at the end matches every name that starts so. */
  in?: { name: string; not: boolean };
  out?: { name: string; not: boolean };
  /** -s / -d: an address with its prefix. */
  src?: { cidr: string; not: boolean };
  dst?: { cidr: string; not: boolean };
  proto?: { name: string; not: boolean };
  sport?: string;
  dport?: string;
  /** -m conntrack --ctstate */
  ctstate?: string[];
  /** -m addrtype --src-type / --dst-type */
  addrtype?: { src?: string; dst?: string; notSrc?: boolean; notDst?: boolean };
}

export interface FirewallRule {
  family: string;
  table: string;
  chain: string;
  handle: number;
  /** The rule as `iptables -S` prints it (`-A CHAIN … -j TARGET`), or its expressions when it has another shape. */
  text: string;
  match: RuleMatch;
  /** ACCEPT, DROP, RETURN, a chain's name (jump), MASQUERADE, DNAT…, or null when it only counts. */
  target: string | null;
  /** -g rather than -j. */
  goto: boolean;
  /** DNAT's --to-destination. */
  toDestination: string | null;
  packets: number;
  bytes: number;
  /** True when some expression has no iptables form here: `text` then lists the expressions. */
  raw: boolean;
}

type Source =
  | { kind: 'meta'; key: string }
  | { kind: 'payload'; base: string; offset: number; len: number; mask?: string }
  | { kind: 'ct'; key: string; mask?: string }
  | { kind: 'immediate'; data: string };

const bytesOf = (hex: string) => (hex.match(/../g) ?? []).map((pair) => parseInt(pair, 16));

/** An interface name from the bytes compared: NUL-terminated is the name exactly; without, a prefix (`name+`). */
function ifname(hex: string): string {
  const bytes = bytesOf(hex);
  const nul = bytes.indexOf(0);
  const name = String.fromCharCode(...(nul >= 0 ? bytes.slice(0, nul) : bytes));
  return nul >= 0 ? name : `${name}+`;
}

function prefixLength(maskHex: string | undefined, len: number): number {
  if (!maskHex) return len * 8;
  return bytesOf(maskHex).reduce(
    (bits, byte) =>
      bits +
      byte
        .toString(2)
        .split('')
        .filter((b) => b === '1').length,
    0,
  );
}

function address(hex: string, prefix: number): string {
  const bytes = bytesOf(hex);
  while (bytes.length < 4) bytes.push(0);
  return `${bytes.slice(0, 4).join('.')}/${prefix}`;
}

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'ipv6-icmp', 132: 'sctp' };
/** Conntrack's state bits, in the order iptables prints them (libxt_conntrack). */
const CT_STATES: Array<[number, string]> = [
  [1, 'INVALID'],
  [8, 'NEW'],
  [4, 'RELATED'],
  [2, 'ESTABLISHED'],
  [64, 'UNTRACKED'],
];
const ADDRTYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];

/** A 16-bit little-endian number at an offset of an xt info blob (the kernel's own byte order, x86 and arm64). */
const le16 = (bytes: number[], at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const be16 = (bytes: number[], at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

function ctstateNames(mask: number): string[] {
  return CT_STATES.filter(([bit]) => mask & bit).map(([, name]) => name);
}

function addrtypeNames(mask: number): string {
  return ADDRTYPES.filter((_, bit) => mask & (1 << bit)).join(',');
}

/** Reads one rule's expressions into iptables' terms; `raw` when some part has none. */
export function readRule(rule: NftRule): FirewallRule {
  const regs = new Map<number, Source>();
  const match: RuleMatch = {};
  let target: string | null = null;
  let goto = false;
  let toDestination: string | null = null;
  let packets = 0;
  let bytes = 0;
  let raw = false;
  let xtOptions = '';
  for (const expr of rule.exprs) {
    switch (expr.kind) {
      case 'meta':
        if (expr.dreg !== undefined && expr.key) regs.set(expr.dreg, { kind: 'meta', key: expr.key });
        else raw = true;
        break;
      case 'payload':
        if (expr.dreg !== undefined && expr.base && expr.offset !== undefined && expr.len !== undefined)
          regs.set(expr.dreg, { kind: 'payload', base: expr.base, offset: expr.offset, len: expr.len });
        else raw = true;
        break;
      case 'ct':
        if (expr.dreg !== undefined && expr.key) regs.set(expr.dreg, { kind: 'ct', key: expr.key });
        else raw = true;
        break;
      case 'bitwise': {
        const from = expr.sreg !== undefined ? regs.get(expr.sreg) : undefined;
        if (from && expr.dreg !== undefined && (from.kind === 'payload' || from.kind === 'ct'))
          regs.set(expr.dreg, { ...from, mask: expr.mask });
        else raw = true;
        break;
      }
      case 'cmp':
        if (!compare(expr, regs, match)) raw = true;
        break;
      case 'immediate':
        if (expr.verdict) {
          if (expr.verdict === 'jump' || expr.verdict === 'goto') target = expr.chain ?? null;
          else target = expr.verdict.toUpperCase();
          goto = expr.verdict === 'goto';
        } else if (expr.dreg !== undefined && expr.data) regs.set(expr.dreg, { kind: 'immediate', data: expr.data });
        break;
      case 'counter':
        packets = expr.packets ?? 0;
        bytes = expr.bytes ?? 0;
        break;
      case 'match': {
        const options = xtMatch(expr, match);
        if (options === null) raw = true;
        else xtOptions += options;
        break;
      }
      case 'target': {
        target = expr.name ?? null;
        if (expr.name === 'DNAT' || expr.name === 'SNAT') toDestination = natRange(expr.info ?? '', expr.rev ?? 0);
        break;
      }
      case 'nat': {
        target = expr.natType === 'snat' ? 'SNAT' : 'DNAT';
        const addr = expr.regAddr !== undefined ? regs.get(expr.regAddr) : undefined;
        const port = expr.regProto !== undefined ? regs.get(expr.regProto) : undefined;
        if (addr?.kind === 'immediate') {
          toDestination = address(addr.data, 32).replace('/32', '');
          if (port?.kind === 'immediate') toDestination += `:${be16(bytesOf(port.data), 0)}`;
        }
        break;
      }
      case 'masq':
        target = 'MASQUERADE';
        break;
      default:
        raw = true;
    }
  }
  const text = raw
    ? `-A ${rule.chain} ${rule.exprs.map(exprText).join(' ')}`
    : iptablesLine(rule.chain, match, xtOptions, target, goto, toDestination);
  return {
    family: rule.family,
    table: rule.table,
    chain: rule.chain,
    handle: rule.handle,
    text,
    match,
    target,
    goto,
    toDestination,
    packets,
    bytes,
    raw,
  };
}

/** One comparison into the match; false when it is not one iptables writes. */
function compare(expr: NftExpr, regs: Map<number, Source>, match: RuleMatch): boolean {
  const source = expr.sreg !== undefined ? regs.get(expr.sreg) : undefined;
  const data = expr.data ?? '';
  const not = expr.op === 'neq';
  if (!source) return false;
  if (source.kind === 'meta' && (source.key === 'iifname' || source.key === 'oifname') && (expr.op === 'eq' || not)) {
    match[source.key === 'iifname' ? 'in' : 'out'] = { name: ifname(data), not };
    return true;
  }
  if (source.kind === 'meta' && source.key === 'l4proto' && (expr.op === 'eq' || not)) {
    const number = bytesOf(data)[0] ?? 0;
    match.proto = { name: PROTOCOLS[number] ?? String(number), not };
    return true;
  }
  if (
    source.kind === 'payload' &&
    source.base === 'network' &&
    (source.offset === 12 || source.offset === 16) &&
    (expr.op === 'eq' || not)
  ) {
    const cidr = address(data, prefixLength(source.mask, source.len));
    match[source.offset === 12 ? 'src' : 'dst'] = { cidr, not };
    return true;
  }
  if (source.kind === 'payload' && source.base === 'transport' && (source.offset === 0 || source.offset === 2) && source.len === 2) {
    const port = be16(bytesOf(data), 0);
    const key = source.offset === 0 ? 'sport' : 'dport';
    if (expr.op === 'eq') match[key] = String(port);
    else if (expr.op === 'gte') match[key] = `${port}:${match[key]?.split(':')[1] ?? ''}`;
    else if (expr.op === 'lte') match[key] = `${match[key]?.split(':')[0] ?? ''}:${port}`;
    else return false;
    return true;
  }
  if (source.kind === 'ct' && source.key === 'state' && not && /^0+$/.test(data) && source.mask) {
    const maskBytes = bytesOf(source.mask);
    match.ctstate = ctstateNames(maskBytes.reduce((value, byte, index) => value | (byte << (8 * index)), 0));
    return true;
  }
  return false;
}

/** An iptables extension match in its binary form (iptables-nft keeps these for what nf_tables has no native form of). */
function xtMatch(expr: NftExpr, match: RuleMatch): string | null {
  const info = bytesOf(expr.info ?? '');
  if (expr.name === 'conntrack' && (expr.rev === 2 || expr.rev === 3) && info.length >= 152) {
    // struct xt_conntrack_mtinfo2/3: four address and mask pairs (128 bytes), expires min and max (8), l4proto (2),
    // four ports (8), match_flags and invert_flags (u16 each, at 146 and 148), then state_mask (u16 at 150).
    const stateMask = le16(info, 150);
    match.ctstate = ctstateNames(stateMask);
    return '';
  }
  if (expr.name === 'addrtype' && expr.rev === 1 && info.length >= 8) {
    const [src, dst, flags] = [le16(info, 0), le16(info, 2), le16(info, 4)];
    match.addrtype = {
      ...(src ? { src: addrtypeNames(src), notSrc: Boolean(flags & 1) } : {}),
      ...(dst ? { dst: addrtypeNames(dst), notDst: Boolean(flags & 2) } : {}),
    };
    return '';
  }
  if (expr.name === 'tcp' || expr.name === 'udp') return '';
  return null;
}

/** DNAT/SNAT's range (struct nf_nat_range / nf_nat_range2): flags, min and max address, min and max port. */
function natRange(infoHex: string, _rev: number): string | null {
  const info = bytesOf(infoHex);
  if (info.length < 40) return null;
  const flags = le16(info, 0);
  const addr = info.slice(4, 8).join('.');
  const minPort = be16(info, 36);
  const maxPort = be16(info, 38);
  const hasAddr = flags & 1;
  const hasPort = flags & 2;
  const port = hasPort ? `:${minPort}${maxPort !== minPort ? `-${maxPort}` : ''}` : '';
  return `${hasAddr ? addr : ''}${port}`;
}

const neg = (not: boolean | undefined) => (not ? '! ' : '');

/** The rule as `iptables -S` prints it: its options in iptables' own order. */
function iptablesLine(
  chain: string,
  m: RuleMatch,
  _xt: string,
  target: string | null,
  goto: boolean,
  toDestination: string | null,
): string {
  const parts = [`-A ${chain}`];
  if (m.src) parts.push(`${neg(m.src.not)}-s ${m.src.cidr}`);
  if (m.dst) parts.push(`${neg(m.dst.not)}-d ${m.dst.cidr}`);
  if (m.in) parts.push(`${neg(m.in.not)}-i ${m.in.name}`);
  if (m.out) parts.push(`${neg(m.out.not)}-o ${m.out.name}`);
  if (m.proto) parts.push(`${neg(m.proto.not)}-p ${m.proto.name}`);
  if (m.proto && (m.sport || m.dport) && (m.proto.name === 'tcp' || m.proto.name === 'udp')) {
    parts.push(`-m ${m.proto.name}`);
    if (m.sport) parts.push(`--sport ${m.sport}`);
    if (m.dport) parts.push(`--dport ${m.dport}`);
  }
  if (m.addrtype) {
    parts.push('-m addrtype');
    if (m.addrtype.src) parts.push(`${neg(m.addrtype.notSrc)}--src-type ${m.addrtype.src}`);
    if (m.addrtype.dst) parts.push(`${neg(m.addrtype.notDst)}--dst-type ${m.addrtype.dst}`);
  }
  if (m.ctstate) parts.push(`-m conntrack --ctstate ${m.ctstate.join(',')}`);
  if (target) parts.push(`${goto ? '-g' : '-j'} ${target}`);
  if (target === 'DNAT' && toDestination) parts.push(`--to-destination ${toDestination}`);
  return parts.join(' ');
}

function exprText(e: NftExpr): string {
  const fields = Object.entries(e)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key}=${String(value)}`);
  return `[${e.kind}${fields.length ? ` ${fields.join(' ')}` : ''}]`;
}

/** Every rule of the firewall in iptables' words, in the order the kernel keeps them in each chain. */
export function firewallRules(firewall: Firewall): FirewallRule[] {
  return firewall.rules.map(readRule);
}

/** A base chain of the firewall by table and name (FORWARD, INPUT…). */
export function chainOf(firewall: Firewall, table: string, name: string, family = 'ip'): NftChain | undefined {
  return firewall.chains.find((c) => c.table === table && c.name === name && c.family === family);
}

/** The chains as `iptables -S` starts them: -P for base chains (with their policy), -N for Docker's and yours. */
export function chainLines(firewall: Firewall, table: string, family = 'ip'): string[] {
  const chains = firewall.chains.filter((c) => c.table === table && c.family === family);
  return [
    ...chains.filter((c) => c.hook).map((c) => `-P ${c.name} ${(c.policy ?? 'accept').toUpperCase()}`),
    ...chains.filter((c) => !c.hook).map((c) => `-N ${c.name}`),
  ];
}
