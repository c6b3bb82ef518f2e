import { describe, expect, it } from 'vitest';
import type { Topology } from '../../../common/topology';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { shareTopology } from './shareTopology';

describe('shareTopology', () => {
  it('keeps every object an update did not change, and replaces only the changed container', () => {
    const before = composeHostTopology();
    const pushed: Topology = JSON.parse(JSON.stringify(before));
    pushed.containers[3]!.state = 'exited';
    const shared = shareTopology(before, pushed);
    expect(shared.containers.filter((c, i) => c !== before.containers[i])).toEqual([pushed.containers[3]]);
    expect(shared.networks).toBe(before.networks);
    expect(shared.unmanagedLinks).toBe(before.unmanagedLinks);
  });

  it('starts afresh for another engine', () => {
    const before = composeHostTopology();
    const other = { ...composeHostTopology(), engine: { ...before.engine, endpoint: 'tcp://elsewhere:2375' } };
    expect(shareTopology(before, other).containers[0]).not.toBe(before.containers[0]);
  });
});
