/**
 * Pure: keeps the objects of the previous Topology wherever nothing in them
 * changed. A whole Topology is fresh JSON (a patched one shares what did not
 * change, and a snapshot or a compare is built anew); with this, one Docker event changes the
 * identity of only the containers, networks and links it touched, so the
 * graph rebuilds (and React Flow redraws) only those.
 */
import type { Topology } from '../../../common/topology';

/** An item's JSON, made once per object: a patched Topology brings back the same objects for what did not change. */
const texts = new WeakMap<object, string>();
function textOf(item: object): string {
  let text = texts.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    texts.set(item, text);
  }
  return text;
}

function shareList<T extends object>(previous: T[], next: T[], key: (item: T) => string): T[] {
  const old = new Map(previous.map((item) => [key(item), item]));
  let changed = previous.length !== next.length;
  const shared = next.map((item, index) => {
    const before = old.get(key(item));
    if (before && (before === item || textOf(before) === textOf(item))) {
      if (previous[index] !== before) changed = true;
      return before;
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
