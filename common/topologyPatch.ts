/**
 * Pure: a Topology as the difference from the one sent before it. On a host of
 * 500 containers the Topology is about 500 KB of JSON, and one Docker event
 * changes one or two of its items: sending, parsing and comparing the whole of
 * it for each change cost more than the change. A patch carries the small
 * top-level fields whole, and of each list (networks, containers, hand-made
 * links, services) only the items that differ, plus the order of the keys
 * when that changed. Applied, it gives back the very objects of the base for
 * what did not change, so the page redraws only what did.
 *
 * @example
 * const patch = makePatch(sentBefore, topology); // on the server
 * const next = applyPatch(received, patch) ?? (await client.getTopology({})); // on the page
 */
import type { Topology } from './topology.js';

/** The name of the WebSocket message that carries a patch (the page turns it back into a `topology` event). */
export const TOPOLOGY_PATCH_EVENT = 'topologyPatch';

const LISTS = ['networks', 'containers', 'unmanagedLinks', 'services'] as const;
type ListName = (typeof LISTS)[number];
type Item = Topology[ListName][number];

/** What identifies an item of a list from one Topology to the next. */
function keyOf(list: ListName, item: Item): string {
  if (list === 'unmanagedLinks') {
    const link = item as Topology['unmanagedLinks'][number];
    // An ifindex is one namespace's: of several engines, each link is also its engine's.
    return `${link.host === undefined ? '' : `${link.host}|`}${link.kind}:${link.ifindex}`;
  }
  return (item as { id: string }).id;
}

export interface ListPatch {
  /** The items that are new or differ from the base's, whole. */
  changed: unknown[];
  /** Every key in order, when the keys or their order differ from the base's; absent otherwise. */
  order?: string[];
}

export interface TopologyPatch {
  /** The version of the Topology this applies to. */
  base: number;
  /** The Topology's fields other than its lists, whole (they are small). */
  top: Omit<Topology, ListName>;
  /** Only the lists that changed. */
  lists: Partial<Record<ListName, ListPatch>>;
}

/** Each list's items as JSON text, by key: computed once per Topology object and kept as long as it is. */
const textsOf = new WeakMap<Topology, Record<ListName, Map<string, string>>>();
/** And once per item object: a Topology built again reuses the items that did not change (buildTopology). */
const itemText = new WeakMap<object, string>();

function textOf(item: Item): string {
  let text = itemText.get(item);
  if (text === undefined) {
    text = JSON.stringify(item);
    itemText.set(item, text);
  }
  return text;
}

export function itemTexts(topology: Topology): Record<ListName, Map<string, string>> {
  let texts = textsOf.get(topology);
  if (!texts) {
    texts = Object.fromEntries(
      LISTS.map((list) => [list, new Map((topology[list] as Item[]).map((item) => [keyOf(list, item), textOf(item)]))]),
    ) as Record<ListName, Map<string, string>>;
    textsOf.set(topology, texts);
  }
  return texts;
}

/** True when the two Topologies' lists hold the same items as JSON, in the same order. */
export function sameItems(a: Topology, b: Topology): boolean {
  const [before, after] = [itemTexts(a), itemTexts(b)];
  return LISTS.every((list) => {
    if (before[list].size !== after[list].size) return false;
    const keys = [...after[list].keys()];
    return [...before[list]].every(([key, text], i) => key === keys[i] && after[list].get(key) === text);
  });
}

/** The patch that turns `base` into `next`. */
export function makePatch(base: Topology, next: Topology): TopologyPatch {
  const [before, after] = [itemTexts(base), itemTexts(next)];
  const lists: TopologyPatch['lists'] = {};
  for (const list of LISTS) {
    const items = next[list] as Item[];
    const changed = items.filter((item) => {
      const key = keyOf(list, item);
      return before[list].get(key) !== after[list].get(key);
    });
    const sameOrder = items.length === base[list].length && items.every((item, i) => keyOf(list, item) === keyOf(list, base[list][i]!));
    if (changed.length === 0 && sameOrder) continue;
    lists[list] = sameOrder ? { changed } : { changed, order: items.map((item) => keyOf(list, item)) };
  }
  const { networks: _n, containers: _c, unmanagedLinks: _u, services: _s, ...top } = next;
  return { base: base.version, top, lists };
}

/**
 * `base` with the patch applied, sharing the base's objects for what did not change; null when the patch is not
 * for this base (another version) or does not fit it (a key the base does not have): ask for the whole Topology then.
 */
export function applyPatch(base: Topology, patch: TopologyPatch): Topology | null {
  // A message that is not a patch at all (wrong shapes) is refused like one that does not fit.
  try {
    return patched(base, patch);
  } catch {
    return null;
  }
}

function patched(base: Topology, patch: TopologyPatch): Topology | null {
  if (patch?.base !== base.version || typeof patch.top !== 'object' || patch.top === null) return null;
  const next = { ...patch.top } as Topology;
  for (const list of LISTS) {
    const baseItems = base[list] as Item[];
    const change = patch.lists[list];
    if (!change) {
      (next[list] as Item[]) = baseItems;
      continue;
    }
    const changed = new Map((change.changed as Item[]).map((item) => [keyOf(list, item), item]));
    let items: Array<Item | undefined>;
    if (change.order) {
      const kept = new Map(baseItems.map((item) => [keyOf(list, item), item]));
      items = change.order.map((key) => changed.get(key) ?? kept.get(key));
    } else {
      const baseKeys = baseItems.map((item) => keyOf(list, item));
      // Without an order, the patch may only change what the base has.
      if (changed.size > 0 && [...changed.keys()].some((key) => !baseKeys.includes(key))) return null;
      items = baseItems.map((item, i) => changed.get(baseKeys[i]!) ?? item);
    }
    if (items.some((item) => item === undefined)) return null;
    (next[list] as Item[]) = items as Item[];
  }
  return next;
}

/**
 * What a patch is made against after a whole Topology crossed the socket, pushed or as the answer to
 * `getTopology`: the newer of the two. The server (when it sends) and the page (when it reads) apply this one
 * rule to the same messages in the same order, so they agree on the base; the page's first read is a base too,
 * and the first live change after it goes as a patch, not as the whole host again.
 */
export function newerBase(base: Topology | null, whole: Topology): Topology {
  return base && base.engine.endpoint === whole.engine.endpoint && base.version > whole.version ? base : whole;
}
