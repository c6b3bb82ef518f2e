import { describe, expect, it } from 'vitest';
import { matrixReason } from './matrixReason';

describe('matrixReason', () => {
  it('a passing cell has no reason', () => {
    expect(matrixReason({ dns: 'pass', ping: 'pass', evidence: { dns: {}, ping: { errors: {} } } })).toBeNull();
  });
  it('names what failed, in a few words', () => {
    const dns = { tried: [{ server: '127.0.0.11', rcode: 'NXDOMAIN' }], resolvConf: { nameservers: ['127.0.0.11'] } };
    expect(matrixReason({ dns: 'fail', ping: 'fail', evidence: { dns, ping: { sent: 1, received: 0, errors: {} } } })).toBe(
      'name not found · no reply',
    );
    expect(matrixReason({ dns: 'n/a', ping: 'fail', evidence: { dns: null, ping: { errors: { 'host unreachable': 1 } } } })).toBe(
      'host unreachable',
    );
    expect(matrixReason({ dns: 'n/a', ping: 'fail', evidence: { dns: null, ping: 'Error: helper gone' } })).toBe(
      'not tested: the probe failed',
    );
  });
});
