import { describe, expect, it } from 'vitest';
import { combineHosts } from '../../../common/combineHosts';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { groupsOf } from './groups';
import { hostNodeId } from './ids';
import { EMPTY_PLACEMENT, frameSize, placeNodes } from './placeNodes';
import { hostState as state, onAnotherEngine as elsewhere } from '../../../tests/fixtures/manyHosts';

const twoHosts = () =>
  combineHosts(
    [
      { state: state('node1'), topology: composeHostTopology() },
      { state: state('node2'), topology: elsewhere(composeHostTopology(), 'beef') },
      { state: state('node3', { state: 'reconnecting', error: 'gone' }), topology: null },
    ],
    1,
  );

describe('several engines in one picture', () => {
  it('groups each engine apart: one project on two engines is two groups, never one', () => {
    const groups = groupsOf(twoHosts());
    const shop = groups.filter((g) => g.kind === 'project' && g.name === groupsOf(composeHostTopology())[0]!.name);
    expect(shop.map((g) => g.host)).toEqual(['node1', 'node2']);
    expect(new Set(groups.map((g) => g.id)).size).toBe(groups.length);
    for (const group of groups) {
      const topology = twoHosts();
      for (const id of group.containers) expect(topology.containers.find((c) => c.id === id)!.host).toBe(group.host);
    }
  });

  it('packs each engine’s frames inside its own host frame, the hosts side by side in the order named, none overlapping', () => {
    const topology = twoHosts();
    const placement = placeNodes(topology, EMPTY_PLACEMENT, { aspect: 1.6, collapsed: new Set() });
    const hostBox = (name: string) => {
      const frames = Object.keys(placement.frames).filter((id) => placement.frames[id]!.host === name);
      const boxes = frames.map((id) => ({ ...placement.positions[id]!, ...frameSize(id, placement, topology, new Set()) }));
      return {
        left: Math.min(...boxes.map((b) => b.x)),
        right: Math.max(...boxes.map((b) => b.x + b.width)),
        top: Math.min(...boxes.map((b) => b.y)),
      };
    };
    const [one, two] = [hostBox('node1'), hostBox('node2')];
    expect(one.right).toBeLessThan(two.left);
    // The engine that never answered still has its place (its frame says why), after the others.
    const third = placement.positions[hostNodeId('node3')]!;
    expect(third.x).toBeGreaterThan(two.right);
    expect(placement.positions[hostNodeId('node1')]!.x).toBeLessThan(one.left);
  });
});
