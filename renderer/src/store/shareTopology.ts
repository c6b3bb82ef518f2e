/**
 * Pure: keeps the objects of the previous Topology wherever nothing in them
 * changed. Every push is fresh JSON; with this, one Docker event changes the
 * identity of only the containers, networks and links it touched, so the
 * graph rebuilds (and React Flow redraws) only those.
 */
import type { Topology } from '../../../common/topology';

function shareList<T extends object>(previous: T[], next: T[], key: (item: T) => string): T[] {
  const old = new Map(previous.map((item) => [key(item), { item, text: JSON.stringify(item) }]));
  let changed = previous.length !== next.length;
  const shared = next.map((item, index) => {
    const before = old.get(key(item));
    if (before && before.text === JSON.stringify(item)) {
      if (previous[index] !== before.item) changed = true;
      return before.item;
    }
    changed = true;
    return item;
  });
  // Nothing changed at all: the very same array, so selectors on it do not fire.
  return changed ? shared : previous;
}

export function shareTopology(previous: Topology | null, next: Topology): Topology {
  if (!previous || previous.engine.endpoint !== next.engine.endpoint) return next;
  return {
    ...next,
    networks: shareList(previous.networks, next.networks, (n) => n.id),
    containers: shareList(previous.containers, next.containers, (c) => c.id),
    unmanagedLinks: shareList(previous.unmanagedLinks, next.unmanagedLinks, (l) => `${l.kind}:${l.ifindex}`),
  };
}
