import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import type { TestReport } from '../../../common/testReport';
import { containerJson, endpointJson, facts, networkJson } from '../../../tests/fixtures/dockerJson';
import { endpointEdgeId } from '../graph/buildGraph';
import { testPath } from './testPath';
import { testSpecFrom } from './testSpec';

const ONE = networkJson('one', { IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } });
const TWO = networkJson('two', { IPAM: { Config: [{ Subnet: '10.2.0.0/24' }] } });
const a = containerJson('a', 'one', { one: endpointJson(ONE, '10.1.0.2'), two: endpointJson(TWO, '10.2.0.2') });
const b = containerJson('b', 'two', { two: endpointJson(TWO, '10.2.0.3') });
const topology = buildTopology(facts([ONE, TWO], [a, b]), 1, 'now');
const report = (ok: boolean): TestReport => ({
  from: { id: a.Id, name: 'a' },
  target: { text: 'b', kind: 'container', containerId: b.Id, address: '10.2.0.3' },
  steps: [],
  diagnosis: [],
  ok,
  via: 'helper',
  untested: [],
});

describe('the tested path on the graph', () => {
  it('marks both ends’ wires on the network the target’s address is on, green or red', () => {
    const path = testPath(topology, report(true));
    expect([...path.edgeIds].sort()).toEqual([endpointEdgeId(a.Id, TWO.Id), endpointEdgeId(b.Id, TWO.Id)].sort());
    expect(testPath(topology, report(false)).ok).toBe(false);
  });

  it('marks all the source’s wires when it is not on the target’s network', () => {
    const c = containerJson('c', 'one', { one: endpointJson(ONE, '10.1.0.9') });
    const withC = buildTopology(facts([ONE, TWO], [a, b, c]), 1, 'now');
    const path = testPath(withC, { ...report(false), from: { id: c.Id, name: 'c' } });
    expect([...path.edgeIds].sort()).toEqual([endpointEdgeId(c.Id, ONE.Id), endpointEdgeId(b.Id, TWO.Id)].sort());
  });
});

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
