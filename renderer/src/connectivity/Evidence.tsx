/**
 * A test step's evidence as a person reads it: the DNS questions asked and the
 * answers, the route taken, ping times, the port's state, the HTTP status; the
 * raw answer behind a disclosure. Evidence from the docker-exec fallback is the
 * tool's own output.
 */
import type { DnsResult, HttpResult, PingResult, RouteResult, TcpResult } from '../../../common/helperProtocol';
import { replyWords } from '../../../common/dnsFailure';
import type { StepName } from '../../../common/testReport';

type Row = [string, string];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function dnsRows(dns: DnsResult): { rows: Row[]; table?: { head: string[]; body: string[][] } } {
  const rows: Row[] = [];
  if (dns.name) rows.push(['Name', dns.name]);
  if (dns.server) rows.push(['Answered by', dns.server]);
  if (dns.resolvConf) {
    rows.push(['Resolvers (resolv.conf)', dns.resolvConf.nameservers.join(', ') || 'none']);
    if (dns.resolvConf.search.length) rows.push(['Search domains', dns.resolvConf.search.join(' ')]);
  }
  for (const answer of dns.answers) rows.push([`Answer (${answer.type})`, `${answer.address} · TTL ${answer.ttl} s`]);
  if (dns.reason) rows.push(['Why not', dns.reason]);
  rows.push(['Time', `${dns.timeMs} ms`]);
  const table = dns.tried.length
    ? {
        head: ['Asked', 'Server', 'Reply', 'Answers'],
        body: dns.tried.map((t) => [t.name, t.server, replyWords(t.rcode), String(t.answers)]),
      }
    : undefined;
  return { rows, table };
}

const routeRows = (route: RouteResult): Row[] => [
  ['To', route.destination],
  ['Via', route.gateway ? `gateway ${route.gateway}` : 'directly (same subnet)'],
  ['Out of', `${route.ifname} (ifindex ${route.ifindex})`],
  ['From address', route.source],
  ...(route.reason ? ([['Why not', route.reason]] as Row[]) : []),
];

const pingRows = (ping: PingResult): Row[] => [
  ['To', ping.address],
  ['Replies', `${ping.received} of ${ping.sent}`],
  ...(ping.rttMs ? ([['Round trip', `min ${ping.rttMs.min} · avg ${ping.rttMs.avg} · max ${ping.rttMs.max} ms`]] as Row[]) : []),
  ...Object.entries(ping.errors).map(([error, times]): Row => ['Error', `${error} (${times}×)`]),
];

const tcpRows = (tcp: TcpResult): Row[] => [
  ['To', `${tcp.address}:${tcp.port}`],
  ['Port', tcp.state],
  ['Time', `${tcp.timeMs} ms`],
  ...(tcp.error ? ([['Error', tcp.error]] as Row[]) : []),
];

const httpRows = (http: HttpResult): Row[] => [
  ...(http.status ? ([['Status', `${http.status} ${http.statusText ?? ''}`.trim()]] as Row[]) : []),
  ...(http.bytes !== undefined ? ([['Body', `${http.bytes} bytes`]] as Row[]) : []),
  ['Time', `${http.timeMs} ms`],
  ...Object.entries(http.headers ?? {})
    .slice(0, 6)
    .map(([name, value]): Row => [name, value]),
  ...(http.error ? ([['Error', http.error]] as Row[]) : []),
];

/** Whatever else: its plain fields. */
const plainRows = (evidence: Record<string, unknown>): Row[] =>
  Object.entries(evidence)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => [key, String(value)]);

function readable(step: StepName, evidence: unknown): { rows: Row[]; table?: { head: string[]; body: string[][] } } | null {
  if (!isObject(evidence)) return null;
  // Helper evidence has these shapes (../../../common/helperProtocol.ts, checked when it arrived).
  if (step === 'dns' && 'tried' in evidence) return dnsRows(evidence as DnsResult);
  if (step === 'route' && 'ifname' in evidence) return { rows: routeRows(evidence as RouteResult) };
  if (step === 'ping' && 'sent' in evidence) return { rows: pingRows(evidence as PingResult) };
  if (step === 'tcp' && 'port' in evidence && 'timeMs' in evidence) return { rows: tcpRows(evidence as TcpResult) };
  if (step === 'http' && 'timeMs' in evidence) return { rows: httpRows(evidence as HttpResult) };
  return { rows: plainRows(evidence) };
}

export function Evidence({ step, evidence }: { step: StepName; evidence: unknown }) {
  if (evidence === null || evidence === undefined) return null;
  const shown = readable(step, evidence);
  return (
    <div className="evidence" data-testid={`evidence-${step}`}>
      {shown && shown.rows.length > 0 && (
        <table className="facts">
          <tbody>
            {shown.rows.map(([label, value], index) => (
              <tr key={`${label}-${index}`}>
                <th scope="row">{label}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown?.table && (
        <table className="facts tried">
          <thead>
            <tr>
              {shown.table.head.map((cell) => (
                <th key={cell} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.table.body.map((row, index) => (
              <tr key={index}>
                {row.map((cell, column) => (
                  <td key={column} className="mono">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {typeof evidence === 'string' && <pre tabIndex={0}>{evidence}</pre>}
      {typeof evidence !== 'string' && (
        <details className="raw">
          <summary>Raw evidence (JSON)</summary>
          <pre tabIndex={0}>{JSON.stringify(evidence, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
