/**
 * Pure: an all-pairs cell's failure in a few words, for the cell itself ("name not
 * found · no reply"); the evidence behind it opens on click.
 */
import { readDnsFailure } from './dnsFailure.js';
import type { PairCell } from './testReport.js';

const DNS_WORDS = { 'not-found': 'name not found', 'resolver-unreachable': 'DNS server did not answer', other: 'name did not resolve' };

export function pairReason(cell: Pick<PairCell, 'dns' | 'ping' | 'evidence'>): string | null {
  const words: string[] = [];
  if (cell.dns === 'fail') words.push(DNS_WORDS[readDnsFailure(cell.evidence.dns).kind]);
  if (cell.ping === 'fail') {
    const ping = cell.evidence.ping;
    const errors = typeof ping === 'object' && ping !== null ? Object.keys((ping as { errors?: object }).errors ?? {}) : [];
    words.push(typeof ping === 'string' || ping === null ? 'not tested: the probe failed' : (errors[0] ?? 'no reply'));
  }
  return words.length ? words.join(' · ') : null;
}
