import { afterEach, describe, expect, it } from 'vitest';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { useDockwire } from './store';
import { whenTopology } from './whenTopology';

const initial = useDockwire.getState();
afterEach(() => useDockwire.setState(initial, true));

describe('whenTopology', () => {
  it('answers at once when the Topology already shows it', async () => {
    useDockwire.setState({ topology: composeHostTopology() });
    expect(await whenTopology((t) => t.containers.length > 0, 10)).toBe(true);
  });

  it('waits for the pushed Topology that shows it, not a time', async () => {
    const before = composeHostTopology();
    useDockwire.setState({ topology: before });
    const waiting = whenTopology((t) => t.containers.some((c) => c.name === 'late'), 5000);
    const started = Date.now();
    useDockwire.setState({ topology: { ...before, containers: [...before.containers, { ...before.containers[0]!, name: 'late' }] } });
    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after its time limit and says so', async () => {
    useDockwire.setState({ topology: composeHostTopology() });
    expect(await whenTopology(() => false, 20)).toBe(false);
  });
});
