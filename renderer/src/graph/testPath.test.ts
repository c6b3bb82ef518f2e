import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import type { StepName, TestReport, TestStep } from '../../../common/testReport';
import { containerJson, endpointJson, facts, networkJson } from '../../../tests/fixtures/dockerJson';
import { endpointEdgeId } from './buildGraph';
import { runningTestPath, testPath, tunnelKey } from './testPath';

const ONE = networkJson('one', { IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } });
const TWO = networkJson('two', { IPAM: { Config: [{ Subnet: '10.2.0.0/24' }] } });
const a = containerJson('a', 'one', { one: endpointJson(ONE, '10.1.0.2'), two: endpointJson(TWO, '10.2.0.2') });
const b = containerJson('b', 'two', { two: endpointJson(TWO, '10.2.0.3') });
const topology = buildTopology(facts([ONE, TWO], [a, b]), 1, 'now');
const steps = (...statuses: Array<[StepName, TestStep['status']]>): TestStep[] =>
  statuses.map(([name, status]) => ({ name, status, summary: '', timeMs: null, evidence: null }));
const report = (ok: boolean, stepList: TestStep[] = []): TestReport => ({
  from: { id: a.Id, name: 'a' },
  target: { text: 'b', kind: 'container', containerId: b.Id, address: '10.2.0.3' },
  steps: stepList,
  diagnosis: [],
  ok,
  via: 'helper',
  untested: [],
});

describe('the tested path on the graph', () => {
  const mineOnTwo = endpointEdgeId(a.Id, TWO.Id);
  const theirsOnTwo = endpointEdgeId(b.Id, TWO.Id);

  it('marks both ends’ wires on the network the target’s address is on, green when it passed', () => {
    const path = testPath(topology, report(true, steps(['dns', 'pass'], ['route', 'pass'], ['ping', 'pass'])));
    expect(Object.fromEntries(path.wires)).toEqual({ [mineOnTwo]: 'ok', [theirsOnTwo]: 'ok' });
    expect(path.failedAt).toBeNull();
  });

  it('a refused port leaves the healthy path green and marks the target that said no', () => {
    const path = testPath(topology, report(false, steps(['route', 'pass'], ['ping', 'pass'], ['tcp', 'fail'])));
    expect(Object.fromEntries(path.wires)).toEqual({ [mineOnTwo]: 'ok', [theirsOnTwo]: 'ok' });
    expect(path.failedAt).toBe(b.Id);
  });

  it('only the hop that failed is red: no answer past a route reddens the far side; no route, the near side', () => {
    const noAnswer = testPath(topology, report(false, steps(['route', 'pass'], ['ping', 'fail'])));
    expect(Object.fromEntries(noAnswer.wires)).toEqual({ [mineOnTwo]: 'ok', [theirsOnTwo]: 'fail' });
    const noRoute = testPath(topology, report(false, steps(['route', 'fail'], ['ping', 'skipped'])));
    expect(noRoute.wires.get(mineOnTwo)).toBe('fail');
  });

  it('marks every wire of both red when they share no network', () => {
    const c = containerJson('c', 'one', { one: endpointJson(ONE, '10.1.0.9') });
    const withC = buildTopology(facts([ONE, TWO], [a, b, c]), 1, 'now');
    const path = testPath(withC, { ...report(false, steps(['route', 'pass'], ['ping', 'fail'])), from: { id: c.Id, name: 'c' } });
    expect(Object.fromEntries(path.wires)).toEqual({ [endpointEdgeId(c.Id, ONE.Id)]: 'fail', [theirsOnTwo]: 'fail' });
  });

  it('while a test runs, lights every wire of both ends as being tested and marks both cards, the target found by name or address', () => {
    const byName = runningTestPath(topology, a.Id, 'b');
    expect(byName.ends).toEqual({ from: a.Id, target: b.Id });
    expect(Object.fromEntries(byName.wires)).toEqual({
      [endpointEdgeId(a.Id, ONE.Id)]: 'testing',
      [mineOnTwo]: 'testing',
      [theirsOnTwo]: 'testing',
    });
    expect(runningTestPath(topology, a.Id, '10.2.0.3').ends?.target).toBe(b.Id);
    // A name no container has (an outside host): only the source is marked.
    const outside = runningTestPath(topology, a.Id, 'example.org');
    expect(outside.ends).toEqual({ from: a.Id, target: null });
    expect([...outside.wires.keys()]).not.toContain(theirsOnTwo);
  });

  it('across swarm nodes, lights the tunnel the test crossed: red where it stopped, and which way', () => {
    const hop = (host: string, status: 'pass' | 'fail' | 'unknown') => ({ host, what: '', status });
    const across = (hops: ReturnType<typeof hop>[]) => ({ ...report(false, steps(['dns', 'pass'], ['ping', 'fail'])), acrossNodes: hops });
    const there = testPath(topology, across([hop('node2', 'pass'), hop('node2 → node1', 'fail'), hop('node1', 'unknown')]));
    expect(Object.fromEntries(there.tunnels!)).toEqual({
      [tunnelKey(TWO.Id, 'node1', 'node2')]: { verdict: 'fail', way: 'node2 → node1' },
    });
    const back = testPath(topology, across([hop('node2 → node1', 'pass'), hop('node1', 'pass'), hop('node1 → node2', 'fail')]));
    expect(back.tunnels!.get(tunnelKey(TWO.Id, 'node2', 'node1'))).toEqual({ verdict: 'fail', way: 'node1 → node2' });
    expect(testPath(topology, report(true)).tunnels).toBeUndefined();
  });
});
