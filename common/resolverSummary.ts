/**
 * Pure: how a container resolves names, in words, the way the seed's service
 * discovery explains it: whom it asks, which names Docker answers itself (those
 * on user-defined networks it is on), where the rest go (--dns, or the
 * daemon's servers), and what search domains and extra hosts add.
 *
 * @example
 * resolverSummary(web, topology).line
 * // "asks Docker's DNS (127.0.0.11); names on localnet answered by Docker; other names forwarded to 10.0.0.53 (--dns)"
 */
import { effectiveEndpoints } from './diagnose.js';
import { EMBEDDED_DNS_SERVER, type ContainerInfo, type Topology } from './topology.js';

export interface ResolverSummary {
  /** One line: whom it asks and who answers what. */
  line: string;
  /** What else shapes the answer: search domains, options, extra hosts, and what was not read. */
  details: string[];
}

const list = (items: string[]) => (items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? ''));

export function resolverSummary(container: ContainerInfo, topology: Topology): ResolverSummary {
  const { dns } = container;
  const details: string[] = [];
  if (dns.search.length) details.push(`search domains: ${dns.search.join(' ')} (a short name is tried with each)`);
  else if (dns.configured.search.length) details.push(`search domains (--dns-search): ${dns.configured.search.join(' ')}`);
  const options = dns.options.length ? dns.options : dns.configured.options;
  if (options.length) details.push(`options: ${options.join(' ')}`);
  if (dns.extraHosts.length)
    details.push(
      `extra hosts (--add-host, in /etc/hosts, asked before any server): ${dns.extraHosts.map((h) => h.replace(':', ' → ')).join(', ')}`,
    );
  if (dns.unread) details.push(`resolv.conf not read: ${dns.unread}`);
  return { line: whomItAsks(container, topology), details };
}

function whomItAsks(container: ContainerInfo, topology: Topology): string {
  const { dns } = container;
  if (container.networkModeKind === 'host') return "uses the host's resolver (--network host: the host's resolv.conf)";
  if (container.networkModeKind === 'none' && !dns.nameservers.length) return '--network none: no DNS server it can reach';
  const named = effectiveEndpoints(container, topology)
    .map((e) => topology.networks.find((n) => n.id === e.networkId))
    .filter((n) => n?.dns)
    .map((n) => n!.name);
  const configured = dns.configured.servers;
  if (dns.embedded) {
    const upstream = configured.length ? `${list(configured)} (--dns)` : "the daemon's upstream servers";
    const answered = named.length ? `names on ${list(named)} answered by Docker` : 'no network of its own where Docker answers names';
    return `asks Docker's DNS (${EMBEDDED_DNS_SERVER}); ${answered}; other names forwarded to ${upstream}`;
  }
  const servers = dns.nameservers.length ? dns.nameservers : configured;
  if (!servers.length) return dns.unread ? 'its DNS servers are not known' : 'has no DNS server: it cannot look up names';
  const why = configured.length ? ' (--dns)' : container.networkModeKind === 'bridge' ? " (the host's, copied by Docker)" : '';
  const noNames = named.length ? '' : '; no container names (Docker answers them only on user-defined networks)';
  return `asks ${list(servers)} directly${why}${noNames}`;
}
