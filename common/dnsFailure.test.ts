import { describe, expect, it } from 'vitest';
import { readDnsFailure, replyWords } from './dnsFailure';

const evidence = (nameservers: string[], tried: Array<{ server: string; rcode: string }>) => ({
  name: 'web',
  tried: tried.map((t) => ({ name: 'web.', answers: 0, ...t })),
  resolvConf: { nameservers, search: [] },
});

describe('readDnsFailure', () => {
  it('a server that said NXDOMAIN was reached: the name is not known', () => {
    expect(readDnsFailure(evidence(['127.0.0.11'], [{ server: '127.0.0.11', rcode: 'NXDOMAIN' }])).kind).toBe('not-found');
  });
  it('no server replied at all: the resolver is unreachable from the namespace', () => {
    const failure = readDnsFailure(
      evidence(['127.0.0.11'], [{ server: '127.0.0.11', rcode: 'read udp 127.0.0.1:4000->127.0.0.11:53: i/o timeout' }]),
    );
    expect(failure).toEqual({ kind: 'resolver-unreachable', servers: ['127.0.0.11'] });
  });
  it('no server to ask is unreachable too', () => {
    expect(readDnsFailure(evidence([], [])).kind).toBe('resolver-unreachable');
  });
  it('a server that answered with another code, or evidence of another shape, is neither', () => {
    expect(readDnsFailure(evidence(['10.0.0.53'], [{ server: '10.0.0.53', rcode: 'SERVFAIL' }])).kind).toBe('other');
    expect(readDnsFailure("nslookup: can't resolve").kind).toBe('other');
    expect(readDnsFailure(null).kind).toBe('other');
  });
  it('says in a few words why a try got no reply', () => {
    expect(replyWords('NXDOMAIN')).toBe('NXDOMAIN');
    expect(replyWords('read udp 172.17.0.3:41406->172.17.0.2:53: read: connection refused')).toBe('no reply: port 53 refused');
    expect(replyWords('read udp: i/o timeout')).toBe('no reply: timed out');
  });
});
