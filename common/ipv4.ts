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
