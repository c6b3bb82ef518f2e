/**
 * Pure: what a failed DNS step's evidence says about the resolver. A server
 * that answered (with any DNS reply code) is reachable and said no; a server
 * that gave no reply at all (a timeout, a refused socket, no server to ask) is
 * not reachable from the container's namespace, which is a different trouble
 * with a different fix.
 */

/** The reply codes a DNS server sends (../native-helper/dnsmsg.go); anything else in `rcode` is the helper's error text. */
const REPLY_CODES = /^(NOERROR|FORMERR|SERVFAIL|NXDOMAIN|NOTIMP|REFUSED|RCODE\d+)$/;

/** Whether a server replied (with any code), rather than the helper reporting that nothing came back. */
export const isDnsReply = (rcode: string) => REPLY_CODES.test(rcode);

/** A try's outcome in a few words: the server's reply code, or why there was none. */
export function replyWords(rcode: string): string {
  if (isDnsReply(rcode)) return rcode;
  if (/refused/i.test(rcode)) return 'no reply: port 53 refused';
  if (/timeout|timed out/i.test(rcode)) return 'no reply: timed out';
  return 'no reply';
}

export interface DnsFailure {
  kind: 'not-found' | 'resolver-unreachable' | 'other';
  /** The servers it asked (from resolv.conf), in order. */
  servers: string[];
}

interface DnsEvidence {
  tried?: Array<{ server: string; rcode: string }>;
  resolvConf?: { nameservers: string[] } | null;
}

export function readDnsFailure(evidence: unknown): DnsFailure {
  const dns = (typeof evidence === 'object' && evidence !== null ? evidence : {}) as DnsEvidence;
  const servers = dns.resolvConf?.nameservers ?? [...new Set((dns.tried ?? []).map((t) => t.server))];
  const tried = Array.isArray(dns.tried) ? dns.tried : null;
  if (!tried) return { kind: 'other', servers };
  if (tried.some((t) => t.rcode === 'NXDOMAIN')) return { kind: 'not-found', servers };
  if (tried.every((t) => !isDnsReply(t.rcode))) return { kind: 'resolver-unreachable', servers };
  return { kind: 'other', servers };
}
