/**
 * Pure: one captured Ethernet frame as a line of a packet list: source,
 * destination, protocol, and what it says (ARP who-has, ICMP type, TCP ports
 * and flags, the DNS names asked and answered, the frame a VXLAN packet carries). Every read is bounds-checked:
 * frames come from containers, and a truncated or hostile one is summarised
 * as far as it goes, never thrown on.
 */
export interface PacketSummary {
  source: string;
  destination: string;
  protocol: string;
  /** Length on the wire. */
  length: number;
  info: string;
}

const ICMP_TYPES: Record<number, string> = {
  0: 'echo reply',
  3: 'destination unreachable',
  5: 'redirect',
  8: 'echo request',
  11: 'time exceeded',
};
const ICMP_UNREACHABLE: Record<number, string> = {
  0: 'network',
  1: 'host',
  2: 'protocol',
  3: 'port',
  4: 'fragmentation needed',
  13: 'administratively prohibited',
};
const ICMP6_TYPES: Record<number, string> = {
  1: 'destination unreachable',
  3: 'time exceeded',
  128: 'echo request',
  129: 'echo reply',
  133: 'router solicitation',
  134: 'router advertisement',
  135: 'neighbor solicitation',
  136: 'neighbor advertisement',
  143: 'multicast listener report',
};
const DNS_TYPES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  12: 'PTR',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  65: 'HTTPS',
};
const DNS_RCODES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED' };
const TCP_FLAGS: Array<[number, string]> = [
  [0x02, 'SYN'],
  [0x10, 'ACK'],
  [0x01, 'FIN'],
  [0x04, 'RST'],
  [0x08, 'PSH'],
];

const u16 = (bytes: Uint8Array, at: number) => (at + 2 <= bytes.length ? (bytes[at]! << 8) | bytes[at + 1]! : -1);
const u32 = (bytes: Uint8Array, at: number) => (at + 4 <= bytes.length ? ((u16(bytes, at) << 16) >>> 0) + u16(bytes, at + 2) : -1);
const mac = (bytes: Uint8Array, at: number) => [...bytes.slice(at, at + 6)].map((b) => b.toString(16).padStart(2, '0')).join(':');
const ipv4 = (bytes: Uint8Array, at: number) => [...bytes.slice(at, at + 4)].join('.');

function ipv6(bytes: Uint8Array, at: number): string {
  const groups: string[] = [];
  for (let i = 0; i < 8; i++) groups.push(u16(bytes, at + i * 2).toString(16));
  // The longest run of zero groups becomes "::", as addresses are usually written.
  const text = groups.join(':');
  const runs = [...text.matchAll(/(^|:)0(:0)+(:|$)/g)].sort((a, b) => b[0].length - a[0].length);
  return runs[0] ? `${text.slice(0, runs[0].index)}::${text.slice(runs[0].index! + runs[0][0].length)}` : text;
}

export function summarizePacket(frame: Uint8Array, length = frame.length): PacketSummary {
  const summary: PacketSummary = { source: '', destination: '', protocol: 'Ethernet', length, info: '' };
  if (frame.length < 14) return { ...summary, info: 'truncated frame' };
  summary.source = mac(frame, 6);
  summary.destination = mac(frame, 0);
  let etherType = u16(frame, 12);
  let offset = 14;
  if (etherType === 0x8100) [etherType, offset] = [u16(frame, 16), 18];
  const payload = frame.subarray(offset);
  if (etherType === 0x0806) return arp(payload, summary);
  if (etherType === 0x0800) return ipv4Packet(payload, summary);
  if (etherType === 0x86dd) return ipv6Packet(payload, summary);
  return { ...summary, info: `ethertype 0x${etherType.toString(16).padStart(4, '0')}` };
}

function arp(payload: Uint8Array, summary: PacketSummary): PacketSummary {
  if (payload.length < 28) return { ...summary, protocol: 'ARP', info: 'truncated' };
  const [sender, target] = [ipv4(payload, 14), ipv4(payload, 24)];
  const operation = u16(payload, 6);
  const info =
    operation === 1
      ? `who has ${target}? tell ${sender}`
      : operation === 2
        ? `${sender} is at ${mac(payload, 8)}`
        : `operation ${operation}`;
  return { ...summary, protocol: 'ARP', source: sender, destination: target, info };
}

function ipv4Packet(payload: Uint8Array, summary: PacketSummary): PacketSummary {
  if (payload.length < 20) return { ...summary, protocol: 'IPv4', info: 'truncated' };
  const headerLength = (payload[0]! & 0x0f) * 4;
  const fragment = u16(payload, 6) & 0x1fff;
  const next = { ...summary, protocol: 'IPv4', source: ipv4(payload, 12), destination: ipv4(payload, 16) };
  if (fragment !== 0) return { ...next, info: `fragment at ${fragment * 8}` };
  return transport(payload[9]!, payload.subarray(Math.max(headerLength, 20)), next);
}

/** Real packets carry one or two extension headers; a longer chain is not read. */
const MAX_IPV6_EXTENSION_HEADERS = 8;

function ipv6Packet(payload: Uint8Array, summary: PacketSummary): PacketSummary {
  if (payload.length < 40) return { ...summary, protocol: 'IPv6', info: 'truncated' };
  const next = { ...summary, protocol: 'IPv6', source: ipv6(payload, 8), destination: ipv6(payload, 24) };
  // The transport comes after any extension headers: an MLD report, for one, after a hop-by-hop header.
  let [protocol, rest] = [payload[6]!, payload.subarray(40)];
  for (let i = 0; i < MAX_IPV6_EXTENSION_HEADERS; i++) {
    let size: number;
    if (protocol === 0 || protocol === 43 || protocol === 60) size = ((rest[1] ?? 0) + 1) * 8;
    else if (protocol === 51) size = ((rest[1] ?? 0) + 2) * 4;
    else if (protocol === 44) {
      const offset = u16(rest, 2) >> 3;
      if (offset > 0) return { ...next, info: `fragment at ${offset * 8}` };
      size = 8;
    } else return transport(protocol, rest, next);
    if (rest.length < size) return { ...next, info: 'truncated' };
    [protocol, rest] = [rest[0]!, rest.subarray(size)];
  }
  return { ...next, info: 'too many extension headers' };
}

function transport(protocol: number, body: Uint8Array, summary: PacketSummary): PacketSummary {
  if (protocol === 1 || protocol === 58) {
    const type = body[0] ?? -1;
    const names = protocol === 1 ? ICMP_TYPES : ICMP6_TYPES;
    const echo = (protocol === 1 && (type === 0 || type === 8)) || (protocol === 58 && (type === 128 || type === 129));
    const detail = echo
      ? ` id=${u16(body, 4)} seq=${u16(body, 6)}`
      : protocol === 1 && type === 3
        ? ` (${ICMP_UNREACHABLE[body[1] ?? -1] ?? `code ${body[1]}`})`
        : '';
    return { ...summary, protocol: protocol === 1 ? 'ICMP' : 'ICMPv6', info: `${names[type] ?? `type ${type}`}${detail}` };
  }
  if (protocol === 6) {
    const [from, to] = [u16(body, 0), u16(body, 2)];
    if (to < 0) return { ...summary, protocol: 'TCP', info: 'truncated' };
    const flags = TCP_FLAGS.filter(([bit]) => ((body[13] ?? 0) & bit) !== 0).map(([, name]) => name);
    const dataOffset = ((body[12] ?? 0) >> 4) * 4;
    const data = Math.max(0, body.length - dataOffset);
    if ((from === 53 || to === 53) && data > 2) return dns(body.subarray(dataOffset + 2), summary, from, to);
    return { ...summary, protocol: 'TCP', info: `${from} → ${to} [${flags.join(', ')}] seq=${u32(body, 4)}${data ? ` len=${data}` : ''}` };
  }
  if (protocol === 17) {
    const [from, to] = [u16(body, 0), u16(body, 2)];
    if (to < 0) return { ...summary, protocol: 'UDP', info: 'truncated' };
    if (from === 53 || to === 53) return dns(body.subarray(8), summary, from, to);
    if (to === VXLAN_PORT) return vxlan(body.subarray(8), summary);
    return { ...summary, protocol: 'UDP', info: `${from} → ${to} len=${Math.max(0, u16(body, 4) - 8)}` };
  }
  return { ...summary, info: `IP protocol ${protocol}` };
}

const VXLAN_PORT = 4789;

/**
 * A VXLAN packet between two swarm nodes (the underlay): its VXLAN id, and the frame it carries summarised as
 * a frame of its own: the inner addresses are the packet's, the outer ones (the nodes') are said in its info.
 * A frame inside a frame inside VXLAN is summarised no deeper.
 */
function vxlan(message: Uint8Array, outer: PacketSummary): PacketSummary {
  const base = { ...outer, protocol: 'VXLAN' };
  if (message.length < 8 + 14) return { ...base, info: `${outer.source} → ${outer.destination} truncated VXLAN` };
  const vni = (message[4]! << 16) | (message[5]! << 8) | message[6]!;
  const inner = nested ? null : summarizeInner(message.subarray(8));
  if (!inner) return { ...base, info: `VXLAN ${vni} ${outer.source} → ${outer.destination}` };
  return {
    ...base,
    protocol: `VXLAN ${inner.protocol}`,
    source: inner.source,
    destination: inner.destination,
    info: `${inner.info} · VXLAN ${vni}, ${outer.source} → ${outer.destination}`,
  };
}

/** Whether a VXLAN frame is being summarised now (one inside it is not opened). */
let nested = false;
function summarizeInner(frame: Uint8Array): PacketSummary {
  nested = true;
  try {
    return summarizePacket(frame);
  } finally {
    nested = false;
  }
}

/** A DNS message: the question, and for a response its answers (or why there are none). */
function dns(message: Uint8Array, summary: PacketSummary, from: number, to: number): PacketSummary {
  const base = { ...summary, protocol: 'DNS' };
  if (message.length < 12) return { ...base, info: `${from} → ${to} truncated DNS` };
  const flags = u16(message, 2);
  const response = (flags & 0x8000) !== 0;
  const [questions, answers] = [u16(message, 4), u16(message, 6)];
  let at = 12;
  let question = '';
  if (questions > 0) {
    const name = readName(message, at);
    if (!name) return { ...base, info: 'malformed DNS' };
    at = name.end;
    question = `${DNS_TYPES[u16(message, at)] ?? `type ${u16(message, at)}`} ${name.name}`;
    at += 4;
  }
  if (!response) return { ...base, info: `query ${question}` };
  const rcode = flags & 0x0f;
  if (rcode !== 0) return { ...base, info: `response ${question}: ${DNS_RCODES[rcode] ?? `rcode ${rcode}`}` };
  const found: string[] = [];
  for (let i = 0; i < Math.min(answers, 32); i++) {
    const name = readName(message, at);
    if (!name || name.end + 10 > message.length) break;
    const [type, size] = [u16(message, name.end), u16(message, name.end + 8)];
    const data = name.end + 10;
    if (data + size > message.length) break;
    if (type === 1 && size === 4) found.push(ipv4(message, data));
    else if (type === 28 && size === 16) found.push(ipv6(message, data));
    else if (type === 5) found.push(`CNAME ${readName(message, data)?.name ?? '?'}`);
    at = data + size;
  }
  return { ...base, info: `response ${question} → ${found.length ? found.join(', ') : 'no answer'}` };
}

/** A domain name at `at`, following compression pointers (at most 16, never forward loops). */
function readName(message: Uint8Array, at: number): { name: string; end: number } | null {
  const labels: string[] = [];
  let end = -1;
  for (let jumps = 0; jumps < 16;) {
    const size = message[at];
    if (size === undefined) return null;
    if (size === 0) return { name: labels.join('.') || '.', end: end < 0 ? at + 1 : end };
    if ((size & 0xc0) === 0xc0) {
      const pointer = u16(message, at) & 0x3fff;
      if (pointer < 0 || pointer >= at) return null;
      if (end < 0) end = at + 2;
      at = pointer;
      jumps++;
      continue;
    }
    if (at + 1 + size > message.length || labels.length >= 127) return null;
    labels.push(String.fromCharCode(...message.subarray(at + 1, at + 1 + size)));
    at += 1 + size;
  }
  return null;
}
