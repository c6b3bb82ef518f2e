import { describe, expect, it } from 'vitest';
import type { TestReport, TestStep } from '../../../common/testReport';
import { testSpecFrom, traceSpecFor } from './testSpec';

describe('the test panel’s fields', () => {
  it('become a TestSpec, ignoring an unusable port', () => {
    expect(testSpecFrom('a', { target: ' b ', port: '80', httpPath: '/health' })).toEqual({
      from: 'a',
      target: 'b',
      port: 80,
      httpPath: '/health',
    });
    expect(testSpecFrom('a', { target: 'b', port: 'http', httpPath: '' })).toEqual({ from: 'a', target: 'b' });
  });
});

const step = (name: TestStep['name'], status: TestStep['status'], evidence: unknown = null): TestStep => ({
  name,
  status,
  summary: '',
  timeMs: 1,
  evidence,
});
const report = (kind: TestReport['target']['kind'], steps: TestStep[], containerId: string | null = 'ctr-b'): TestReport => ({
  from: { id: kind === 'published' ? '' : 'ctr-a', name: 'a' },
  target: { text: 'b', kind, containerId, address: '10.0.0.3' },
  steps,
  diagnosis: [],
  ok: false,
  via: 'helper',
  untested: [],
});

describe('the trace of a test', () => {
  it('follows the port the tcp step connected to, or ping when ping failed or there is no port', () => {
    const tcp = step('tcp', 'fail', { address: '10.0.0.3', port: 5432 });
    expect(traceSpecFor(report('container', [step('ping', 'pass'), tcp]))).toEqual({
      from: 'ctr-a',
      target: 'ctr-b',
      port: 5432,
      proto: 'tcp',
    });
    expect(traceSpecFor(report('container', [step('ping', 'fail'), tcp]))).toEqual({ from: 'ctr-a', target: 'ctr-b', proto: 'icmp' });
    expect(traceSpecFor(report('container', [step('ping', 'pass'), tcp]), 'ping')).toMatchObject({ proto: 'icmp' });
    expect(traceSpecFor(report('ip', [step('ping', 'fail')], null))).toEqual({ from: 'ctr-a', target: '10.0.0.3', proto: 'icmp' });
  });

  it('from the host to the published port it tested; nothing to trace to a name that did not resolve', () => {
    const published = report('published', [step('tcp', 'fail', { address: '127.0.0.1', port: 18080 })]);
    expect(traceSpecFor(published)).toEqual({ from: 'host', target: 'ctr-b', port: 18080, proto: 'tcp' });
    expect(
      traceSpecFor({
        ...report('name', [step('dns', 'fail')], null),
        target: { text: 'nope', kind: 'name', containerId: null, address: null },
      }),
    ).toBeNull();
  });
});
