/**
 * Interface names from the kernel without privileges beyond the Docker
 * socket's: /proc/PID/net/route shows the routes of PID's network namespace,
 * so each endpoint's subnet route names its interface (eth0, eth1…).
 * Only trusted when /proc/PID/cgroup proves PID is the container's own process
 * on this machine (with a remote engine or one in a VM, that PID is someone
 * else's). The native helper (netlink) is the full source of kernel facts;
 * this is what works before or without it.
 */
import { readFile } from 'node:fs/promises';
import type { KernelRoute } from '../../common/dockerFacts.js';
import { formatIPv4 } from '../../common/ipv4.js';

/** Parses /proc/net/route: little-endian hex destination and mask per interface. */
export function parseProcRoute(text: string): KernelRoute[] {
  const routes: KernelRoute[] = [];
  for (const line of text.split('\n').slice(1)) {
    const [ifname, destinationHex, , , , , , maskHex] = line.trim().split(/\s+/);
    if (!ifname || !destinationHex || !maskHex) continue;
    const destination = littleEndianHexToIPv4(destinationHex);
    const mask = littleEndianHexToIPv4(maskHex);
    if (destination === null || mask === null || mask === 0) continue; // skip default routes
    routes.push({ ifname, destination: `${formatIPv4(destination)}/${prefixLength(mask)}` });
  }
  return routes;
}

function littleEndianHexToIPv4(hex: string): number | null {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return null;
  const bytes = [6, 4, 2, 0].map((offset) => parseInt(hex.slice(offset, offset + 2), 16));
  return bytes.reduce((value, byte) => value * 256 + byte, 0);
}

function prefixLength(mask: number): number {
  let bits = 0;
  for (let bit = 31; bit >= 0 && Math.floor(mask / 2 ** bit) % 2 === 1; bit--) bits++;
  return bits;
}

/** The namespace routes of a local container's process, or null when they cannot be trusted. */
export async function readKernelRoutes(pid: number, containerId: string): Promise<KernelRoute[] | null> {
  try {
    const cgroup = await readFile(`/proc/${pid}/cgroup`, 'utf8');
    if (!cgroup.includes(containerId)) return null;
    return parseProcRoute(await readFile(`/proc/${pid}/net/route`, 'utf8'));
  } catch {
    return null;
  }
}
