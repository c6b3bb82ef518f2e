/**
 * Pure: which way a name was answered inside a container, as the seed's
 * service discovery explains it: from /etc/hosts (an --add-host entry), from
 * Docker's records (a container or alias on a user-defined network the
 * container is on), forwarded by Docker's DNS upstream (--dns, or the
 * daemon's servers), or from a server asked directly; and whether a search
 * domain was appended to make the name that resolved.
 */
import { effectiveEndpoints } from './diagnose.js';
import { EMBEDDED_DNS_SERVER, type ContainerInfo, type Topology } from './topology.js';

/** The address an --add-host entry gives the name, if one does (/etc/hosts is read before any DNS server). */
export function extraHostAddress(container: ContainerInfo, name: string): string | null {
  const wanted = name.replace(/\.$/, '').toLowerCase();
  for (const entry of container.dns.extraHosts) {
    const at = entry.indexOf(':');
    if (at > 0 && entry.slice(0, at).toLowerCase() === wanted) return entry.slice(at + 1);
  }
  return null;
}

/** The container (and network) whose record Docker's DNS holds for a name, among the networks `from` is on. */
export function dockerRecordFor(
  from: ContainerInfo,
  topology: Topology,
  name: string,
): { container: ContainerInfo; network: string } | null {
  const wanted = name.replace(/\.$/, '').toLowerCase();
  const mine = new Set(
    effectiveEndpoints(from, topology)
      .filter((e) => topology.networks.find((n) => n.id === e.networkId)?.dns)
      .map((e) => e.networkId),
  );
  for (const container of topology.containers) {
    for (const endpoint of effectiveEndpoints(container, topology)) {
      if (!mine.has(endpoint.networkId)) continue;
      const names = [container.name, ...endpoint.aliases].map((n) => n.toLowerCase());
      if (names.includes(wanted) || (wanted.length >= 12 && container.id.startsWith(wanted)))
        return { container, network: endpoint.networkName };
    }
  }
  return null;
}

interface Answered {
  server?: string;
  tried: Array<{ name: string; answers: number }>;
}

/** A few words on the way the answer came, for the DNS step's line; null when there is nothing to add. */
export function dnsPath(from: ContainerInfo, topology: Topology, asked: string, answer: Answered): string | null {
  const parts: string[] = [];
  const resolvedAs = answer.tried.find((t) => t.answers > 0)?.name.replace(/\.$/, '');
  if (resolvedAs && resolvedAs.toLowerCase() !== asked.replace(/\.$/, '').toLowerCase())
    parts.push(`as ${resolvedAs} (a search domain added)`);
  if (answer.server === EMBEDDED_DNS_SERVER) {
    const record = dockerRecordFor(from, topology, resolvedAs ?? asked);
    const upstream = from.dns.configured.servers.length ? `${from.dns.configured.servers.join(', ')} (--dns)` : "the daemon's servers";
    parts.push(record ? `Docker's record for ${record.container.name} on ${record.network}` : `forwarded by Docker's DNS to ${upstream}`);
  } else if (answer.server) {
    parts.push(`asked ${answer.server} directly${from.dns.configured.servers.includes(answer.server) ? ' (--dns)' : ''}`);
  }
  return parts.length ? parts.join('; ') : null;
}
