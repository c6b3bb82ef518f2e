/**
 * Pure: the live Topology marked against a snapshot, for "Compare with
 * snapshot". What was added and what changed is marked where it is; what was
 * removed comes back as a ghost (a network, a container, or a wire to a
 * network it left) drawn as it was, so the picture shows the whole difference
 * in place. Matching is by name, as in the diff (../../../common/topologyDiff.ts).
 * A snapshot is a file from anywhere: everything here is looked up by index, in
 * time linear in its size, never a search per item.
 */
import type { ContainerInfo, EndpointInfo, Topology } from '../../../common/topology';
import { endpointWireId } from '../layout/ids';
import { diffTopologies, type TopologyChange, type TopologyDiff } from '../../../common/topologyDiff';

export type CompareMark = 'added' | 'removed' | 'changed';

export interface CompareMarks {
  /** By container or network id (as drawn): what happened to it since the snapshot, and the diff's lines about it. */
  things: Map<string, { mark: CompareMark; lines: string[] }>;
  /** By wire (endpoint) id, `ep:<container id>:<network id>`: joined or left since the snapshot. */
  wires: Map<string, CompareMark>;
  /** Ids of what is drawn only because the snapshot had it: nothing can be done to these. */
  ghosts: Set<string>;
}

export interface CompareView {
  /** The live Topology with the ghosts added. */
  topology: Topology;
  marks: CompareMarks;
  diff: TopologyDiff;
}

const wireId = endpointWireId;
export const line = (change: TopologyChange) => `${change.sign} ${change.text}`;

export function compareView(snapshot: Topology, live: Topology): CompareView {
  const diff = diffTopologies(snapshot, live);
  const things: CompareMarks['things'] = new Map();
  const wires: CompareMarks['wires'] = new Map();
  const ghosts = new Set<string>();
  const mark = (id: string, kind: CompareMark, change: TopologyChange) => {
    const existing = things.get(id);
    // Added or removed says more than changed; a thing's lines are all kept.
    things.set(id, {
      mark: existing && existing.mark !== 'changed' ? existing.mark : kind,
      lines: [...(existing?.lines ?? []), line(change)],
    });
  };

  // A ghost's networks are the live ones of the same name where they still exist.
  const liveNetworkByName = new Map(live.networks.map((n) => [n.name, n.id]));
  const rehome = (endpoint: EndpointInfo): EndpointInfo => ({
    ...endpoint,
    networkId: liveNetworkByName.get(endpoint.networkName) ?? endpoint.networkId,
  });

  const removed = (kind: TopologyChange['kind']) =>
    new Set(diff.changes.flatMap((c) => (c.kind === kind && c.sign === '-' ? [(c.network ?? c.container)!.id] : [])));
  const removedNetworks = removed('network');
  const removedContainers = removed('container');
  const ghostNetworks = snapshot.networks.filter((n) => removedNetworks.has(n.id));
  // A container renamed since keeps its id: its ghost (under the old name) needs one of its own.
  const liveIds = new Set(live.containers.map((c) => c.id));
  const ghostContainers: ContainerInfo[] = snapshot.containers
    .filter((c) => removedContainers.has(c.id))
    .map((c) => ({ ...c, id: liveIds.has(c.id) ? `${c.id}~snapshot` : c.id, endpoints: c.endpoints.map(rehome) }));
  const liveById = new Map(live.containers.map((c) => [c.id, c]));
  const liveByName = new Map(live.containers.map((c) => [c.name, c]));
  const snapshotByName = new Map(snapshot.containers.map((c) => [c.name, c]));
  for (const n of ghostNetworks) ghosts.add(n.id);
  for (const c of ghostContainers) {
    ghosts.add(c.id);
    for (const e of c.endpoints) wires.set(wireId(c.id, e.networkId), 'removed');
  }

  // Endpoints left since: drawn again on the live container, as ghost wires.
  const leftBy = new Map<string, EndpointInfo[]>();
  for (const change of diff.changes) {
    const id = change.sign === '-' ? undefined : (change.container?.id ?? change.network?.id);
    if (change.kind === 'network')
      mark(change.network!.id, change.sign === '+' ? 'added' : change.sign === '-' ? 'removed' : 'changed', change);
    if (change.kind === 'container') {
      const ghost = change.sign === '-' && liveIds.has(change.container!.id) ? `${change.container!.id}~snapshot` : change.container!.id;
      mark(ghost, change.sign === '+' ? 'added' : change.sign === '-' ? 'removed' : 'changed', change);
      // A new container's wires are all new.
      const added = change.sign === '+' ? liveById.get(change.container!.id) : undefined;
      for (const e of added?.endpoints ?? []) wires.set(wireId(added!.id, e.networkId), 'added');
    }
    if (change.kind === 'port' && id) mark(id, 'changed', change);
    if (change.kind === 'endpoint') {
      const container = liveByName.get(change.container!.name)!;
      mark(container.id, 'changed', change);
      if (change.sign === '+') wires.set(wireId(container.id, change.network!.id), 'added');
      if (change.sign === '~') wires.set(wireId(container.id, change.network!.id), 'changed');
      if (change.sign === '-') {
        const was = snapshotByName.get(change.container!.name)?.endpoints.find((e) => e.networkName === change.network!.name);
        if (was) {
          const endpoint = rehome(was);
          leftBy.set(container.id, [...(leftBy.get(container.id) ?? []), endpoint]);
          wires.set(wireId(container.id, endpoint.networkId), 'removed');
        }
      }
    }
  }

  const topology: Topology = {
    ...live,
    networks: [...live.networks, ...ghostNetworks],
    containers: [
      ...live.containers.map((c) => (leftBy.has(c.id) ? { ...c, endpoints: [...c.endpoints, ...leftBy.get(c.id)!] } : c)),
      ...ghostContainers,
    ],
  };
  return { topology, marks: { things, wires, ghosts }, diff };
}
