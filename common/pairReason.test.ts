import { describe, expect, it } from 'vitest';
import { pairReason } from './pairReason';

describe('pairReason', () => {
  it('a passing cell has no reason', () => {
    expect(pairReason({ dns: 'pass', ping: 'pass', evidence: { dns: {}, ping: { errors: {} } } })).toBeNull();
  });
  it('names what failed, in a few words', () => {
    const dns = { tried: [{ server: '127.0.0.11', rcode: 'NXDOMAIN' }], resolvConf: { nameservers: ['127.0.0.11'] } };
    expect(pairReason({ dns: 'fail', ping: 'fail', evidence: { dns, ping: { sent: 1, received: 0, errors: {} } } })).toBe(
      'name not found · no reply',
    );
    expect(pairReason({ dns: 'n/a', ping: 'fail', evidence: { dns: null, ping: { errors: { 'host unreachable': 1 } } } })).toBe(
      'host unreachable',
    );
    expect(pairReason({ dns: 'n/a', ping: 'fail', evidence: { dns: null, ping: 'Error: helper gone' } })).toBe(
      'not tested: the probe failed',
    );
  });
});
