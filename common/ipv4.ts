/** Small, pure IPv4 helpers: parse "a.b.c.d" and "a.b.c.d/len". */

export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIPv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface IPv4Cidr {
  address: number;
  prefix: number;
}

export function parseIPv4Cidr(text: string): IPv4Cidr | null {
  const [addressText, prefixText, extra] = text.split('/');
  if (extra !== undefined || prefixText === undefined || !/^\d{1,2}$/.test(prefixText)) return null;
  const address = parseIPv4(addressText ?? '');
  const prefix = Number(prefixText);
  if (address === null || prefix > 32) return null;
  return { address, prefix };
}

/** The network address of a CIDR: "172.20.0.2/16" -> "172.20.0.0/16". */
export function networkOf(cidr: string): string | null {
  const parsed = parseIPv4Cidr(cidr);
  if (!parsed) return null;
  const size = 2 ** (32 - parsed.prefix);
  return `${formatIPv4(Math.floor(parsed.address / size) * size)}/${parsed.prefix}`;
}

/** Whether an IPv4 address lies inside a CIDR. */
export function cidrContains(cidr: IPv4Cidr, address: number): boolean {
  const size = 2 ** (32 - cidr.prefix);
  return Math.floor(address / size) === Math.floor(cidr.address / size);
}

/** Whether two IPv4 CIDRs share any address. */
export function cidrsOverlap(a: IPv4Cidr, b: IPv4Cidr): boolean {
  const shorter = a.prefix <= b.prefix ? a : b;
  const longer = shorter === a ? b : a;
  return cidrContains(shorter, longer.address);
}

/** The CIDR with its host bits cleared: 10.0.0.5/24 -> 10.0.0.0/24. */
export function cidrBase(cidr: IPv4Cidr): IPv4Cidr {
  const size = 2 ** (32 - cidr.prefix);
  return { address: Math.floor(cidr.address / size) * size, prefix: cidr.prefix };
}

export function formatCidr(cidr: IPv4Cidr): string {
  return `${formatIPv4(cidr.address)}/${cidr.prefix}`;
}

/** A plausible IPv6 address (hex groups, at most one "::", optional embedded IPv4). */
export function isIPv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return false;
  const groups = text.split(':');
  const last = groups[groups.length - 1] ?? '';
  const hasIPv4 = last.includes('.');
  if (hasIPv4 && parseIPv4(last) === null) return false;
  const hexGroups = (hasIPv4 ? groups.slice(0, -1) : groups).filter((g) => g !== '');
  const count = hexGroups.length + (hasIPv4 ? 2 : 0);
  if (hexGroups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return text.includes('::') ? count < 8 : count === 8;
}

export function isIPv6Cidr(text: string): boolean {
  const [address, prefix, extra] = text.split('/');
  return extra === undefined && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128 && isIPv6(address ?? '');
}
