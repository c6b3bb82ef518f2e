/**
 * What changed between two Topologies (an older one and a newer one): networks
 * and containers added or removed, endpoints joined or left, addresses, MACs
 * and aliases changed, ports published or withdrawn, states changed, hand-made
 * links made or deleted. Pure: the CLI's `dockwire diff`, and the app's
 * "Compare with snapshot", both read this.
 *
 * Things are matched by name, not id: a container that compose recreated
 * overnight is the same "web" with a new id (reported as a change), which is
 * what a person comparing two evenings wants to see.
 */
import { formatPort } from './format.js';
import type { ContainerInfo, EndpointInfo, NetworkInfo, PortInfo, Topology, UnmanagedLink } from './topology.js';

export type ChangeSign = '+' | '-' | '~';

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface TopologyChange {
  sign: ChangeSign;
  kind: 'network' | 'container' | 'endpoint' | 'port' | 'link';
  /** One line a person reads, without the sign. */
  text: string;
  /** What it is about, by name and by id (the newer Topology's id, or the older one's for a removal). */
  container?: { name: string; id: string };
  network?: { name: string; id: string };
  link?: { name: string; ifindex: number };
  /** For a `~`: each field that changed. */
  fields?: FieldChange[];
}

export interface TopologyDiff {
  equal: boolean;
  from: { engine: string; hostname: string; generatedAt: string };
  to: { engine: string; hostname: string; generatedAt: string };
  changes: TopologyChange[];
}

const origin = (t: Topology) => ({ engine: t.engine.endpoint, hostname: t.engine.hostname, generatedAt: t.generatedAt });

/** The fields that differ, compared as text. */
function changedFields(pairs: Array<[field: string, before: string, after: string]>): FieldChange[] {
  return pairs.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
}

const shown = (value: string | null | undefined) => value || '(none)';
const joined = (values: string[]) => (values.length ? [...values].sort().join(', ') : '(none)');
const short = (id: string) => id.slice(0, 12);

const subnetsOf = (n: NetworkInfo) => joined(n.subnets.map((s) => (s.gateway ? `${s.subnet} gw ${s.gateway}` : s.subnet)));

function describeNetwork(n: NetworkInfo): string {
  const subnets = n.subnets.map((s) => s.subnet);
  return `network ${n.name} (${[n.driver, ...subnets, ...(n.internal ? ['internal'] : [])].join(', ')})`;
}

export const portText = (p: PortInfo) => formatPort(p, '->');

const endpointWhere = (e: EndpointInfo) => [e.networkName, e.ipv4 ?? e.ipv6].filter(Boolean).join(' ');

function describeContainer(c: ContainerInfo): string {
  const where = c.endpoints.length
    ? ` on ${c.endpoints.map(endpointWhere).join(', ')}`
    : c.networkModeKind === 'network' || c.networkModeKind === 'bridge'
      ? ''
      : ` (--network ${c.networkMode})`;
  const ports = c.ports.length ? `, publishes ${c.ports.map(portText).join(', ')}` : '';
  return `container ${c.name} (${c.image}, ${c.state})${where}${ports}`;
}

/**
 * Matches two lists by a key: what only the older one has (removed), what only the newer one has
 * (added), and the pairs in both; each in its list's order.
 */
function match<T>(before: T[], after: T[], key: (item: T) => string) {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Set(after.map(key));
  return {
    removed: before.filter((item) => !now.has(key(item))),
    added: after.filter((item) => !old.has(key(item))),
    kept: after.flatMap((item) => (old.has(key(item)) ? [[old.get(key(item))!, item] as [T, T]] : [])),
  };
}

const name = (item: { name: string }) => item.name;

function networkChanges(before: Topology, after: Topology): TopologyChange[] {
  const { removed, added, kept } = match(before.networks, after.networks, name);
  const ref = (n: NetworkInfo) => ({ name: n.name, id: n.id });
  return [
    ...removed.map((n): TopologyChange => ({ sign: '-', kind: 'network', text: describeNetwork(n), network: ref(n) })),
    ...added.map((n): TopologyChange => ({ sign: '+', kind: 'network', text: describeNetwork(n), network: ref(n) })),
    ...kept.flatMap(([was, n]): TopologyChange[] => {
      const fields = changedFields([
        ['id', short(was.id), short(n.id)],
        ['driver', was.driver, n.driver],
        ['subnets', subnetsOf(was), subnetsOf(n)],
        ['internal', String(was.internal), String(n.internal)],
        ['attachable', String(was.attachable), String(n.attachable)],
        ['ipv6', String(was.ipv6), String(n.ipv6)],
        ['bridge', shown(was.bridge?.name), shown(n.bridge?.name)],
      ]);
      return fields.length
        ? [{ sign: '~', kind: 'network', text: `network ${n.name}: ${fieldText(fields)}`, network: ref(n), fields }]
        : [];
    }),
  ];
}

function containerChanges(before: Topology, after: Topology): TopologyChange[] {
  const { removed, added, kept } = match(before.containers, after.containers, name);
  const ref = (c: ContainerInfo) => ({ name: c.name, id: c.id });
  return [
    ...removed.map((c): TopologyChange => ({ sign: '-', kind: 'container', text: describeContainer(c), container: ref(c) })),
    ...added.map((c): TopologyChange => ({ sign: '+', kind: 'container', text: describeContainer(c), container: ref(c) })),
    ...kept.flatMap(([was, c]): TopologyChange[] => {
      const fields = changedFields([
        ['id', short(was.id), short(c.id)],
        ['image', was.image, c.image],
        ['state', was.state, c.state],
        ['network mode', was.networkMode, c.networkMode],
      ]);
      const recreated = fields.some((f) => f.field === 'id') ? ' (recreated)' : '';
      const own: TopologyChange[] = fields.length
        ? [{ sign: '~', kind: 'container', text: `container ${c.name}${recreated}: ${fieldText(fields)}`, container: ref(c), fields }]
        : [];
      return [...own, ...endpointChanges(was, c), ...portChanges(was, c)];
    }),
  ];
}

function endpointChanges(was: ContainerInfo, now: ContainerInfo): TopologyChange[] {
  const { removed, added, kept } = match(was.endpoints, now.endpoints, (e) => e.networkName);
  const refs = (c: ContainerInfo, e: EndpointInfo) => ({
    container: { name: c.name, id: c.id },
    network: { name: e.networkName, id: e.networkId },
  });
  return [
    ...removed.map((e): TopologyChange => ({ sign: '-', kind: 'endpoint', text: `${was.name} left ${endpointWhere(e)}`, ...refs(was, e) })),
    ...added.map((e): TopologyChange => ({ sign: '+', kind: 'endpoint', text: `${now.name} joined ${endpointWhere(e)}`, ...refs(now, e) })),
    ...kept.flatMap(([before, e]): TopologyChange[] => {
      const fields = changedFields([
        ['ipv4', shown(before.ipv4), shown(e.ipv4)],
        ['ipv6', shown(before.ipv6), shown(e.ipv6)],
        ['mac', shown(before.mac), shown(e.mac)],
        ['gateway', shown(before.gateway), shown(e.gateway)],
        ['aliases', joined(before.aliases.filter((a) => !isIdAlias(a, was))), joined(e.aliases.filter((a) => !isIdAlias(a, now)))],
        // Kernel names are known only where the helper ran: unknown on one side is no change.
        ['interface', shown(before.ifname ?? e.ifname), shown(e.ifname ?? before.ifname)],
      ]);
      const text = `${now.name} on ${e.networkName}: ${fieldText(fields)}`;
      return fields.length ? [{ sign: '~', kind: 'endpoint', text, ...refs(now, e), fields }] : [];
    }),
  ];
}

/** Docker adds a container's short id to its aliases: it changes with every re-creation, which the id change already says. */
const isIdAlias = (alias: string, c: ContainerInfo) => c.id.startsWith(alias) && alias.length >= 12;

function portChanges(was: ContainerInfo, now: ContainerInfo): TopologyChange[] {
  const old = new Set(was.ports.map(portText));
  const current = new Set(now.ports.map(portText));
  const container = { name: now.name, id: now.id };
  return [
    ...[...old]
      .filter((p) => !current.has(p))
      .map((p): TopologyChange => ({ sign: '-', kind: 'port', text: `${now.name} no longer publishes ${p}`, container })),
    ...[...current]
      .filter((p) => !old.has(p))
      .map((p): TopologyChange => ({ sign: '+', kind: 'port', text: `${now.name} publishes ${p}`, container })),
  ];
}

function describeLink(l: UnmanagedLink, namesById: Map<string, string>): string {
  const owner = l.peer?.containerId ? namesById.get(l.peer.containerId) : null;
  const peer = l.peer
    ? ` <-> ${owner ? `${owner}:` : ''}${l.peer.ifname}${l.peer.addresses.length ? ` ${l.peer.addresses.join(', ')}` : ''}`
    : '';
  return `hand-made ${l.kind} ${l.name}${peer}${l.master ? ` on ${l.master}` : ''}`;
}

function linkChanges(before: Topology, after: Topology): TopologyChange[] {
  const { removed, added, kept } = match(before.unmanagedLinks, after.unmanagedLinks, name);
  const ref = (l: UnmanagedLink) => ({ name: l.name, ifindex: l.ifindex });
  const namesById = (t: Topology) => new Map(t.containers.map((c) => [c.id, c.name]));
  const [namesBefore, namesAfter] = [namesById(before), namesById(after)];
  return [
    ...removed.map((l): TopologyChange => ({ sign: '-', kind: 'link', text: describeLink(l, namesBefore), link: ref(l) })),
    ...added.map((l): TopologyChange => ({ sign: '+', kind: 'link', text: describeLink(l, namesAfter), link: ref(l) })),
    ...kept.flatMap(([was, l]): TopologyChange[] => {
      const fields = changedFields([
        ['bridge', shown(was.master), shown(l.master)],
        ['state', was.state, l.state],
        ['addresses', joined(was.peer?.addresses ?? []), joined(l.peer?.addresses ?? [])],
      ]);
      return fields.length
        ? [{ sign: '~', kind: 'link', text: `hand-made ${l.kind} ${l.name}: ${fieldText(fields)}`, link: ref(l), fields }]
        : [];
    }),
  ];
}

const hasKernelView = (t: Topology) => t.helper.mode === 'container' || t.helper.mode === 'local';

export const fieldText = (fields: FieldChange[]) => fields.map((f) => `${f.field} ${f.before} -> ${f.after}`).join('; ');

/** Everything that changed from `before` to `after`: networks first, then containers (each with its endpoints and ports), then hand-made links. */
export function diffTopologies(before: Topology, after: Topology): TopologyDiff {
  // Hand-made links are seen only through the helper: without it on either side, their absence says nothing.
  const links = hasKernelView(before) && hasKernelView(after) ? linkChanges(before, after) : [];
  const changes = [...networkChanges(before, after), ...containerChanges(before, after), ...links];
  return { equal: changes.length === 0, from: origin(before), to: origin(after), changes };
}

/** The diff as `+`, `-` and `~` lines, under a line naming both sides. */
export function formatDiff(diff: TopologyDiff, names: { from: string; to: string }): string {
  const header = `--- ${names.from} (${diff.from.hostname}, ${diff.from.generatedAt})\n+++ ${names.to} (${diff.to.hostname}, ${diff.to.generatedAt})`;
  if (diff.equal) return `${header}\nNo changes.`;
  const counts = (['+', '-', '~'] as const).map((sign) => diff.changes.filter((c) => c.sign === sign).length);
  return [
    header,
    ...diff.changes.map((c) => `${c.sign} ${c.text}`),
    `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}: ${counts[0]} added, ${counts[1]} removed, ${counts[2]} changed`,
  ].join('\n');
}
