/**
 * Pure: Topology + placement + view state -> React Flow nodes and edges.
 * Frames (one per group) hold their buses (networks) and cards (containers);
 * a collapsed frame is one tile, and the wires to what it holds are bundled
 * onto it. Nodes keep their identity while nothing they show changes
 * (./graphCache.ts), so React Flow redraws only what an event touched.
 */
import type { Edge } from '@xyflow/react';
import type { ContainerInfo, Topology } from '../../../common/topology';
import { CARD_WIDTH, containerHeight, containerRows, BUS_HEIGHT, TILE_HEIGHT, TILE_WIDTH } from '../layout/geometry';
import { isIdlePredefined, serviceOf } from '../layout/groups';
import { containerNodeId, endpointWireId, handWireId, isNetworkNode, networkNodeId } from '../layout/ids';
import { frameSize, type Placement } from '../layout/placeNodes';
import { handWiredInto, topologyIndex } from '../layout/topologyIndex';
import type { Selection } from '../store/slices';
import { GraphCache } from './graphCache';
import { endpointLabel, handWiredLabel } from './wireLabel';
import { overlayEndFor, taskTitle } from '../../../common/overlay';
import { routingMeshPorts } from '../../../common/swarm';
import { hostFrames, tunnelMeshes } from './acrossHosts';
import type { CompareMarks } from '../snapshots/compareView';
import type { CompareNote, FrameNode, GraphNode, NetworkNodeData, WireEdgeData } from './graphTypes';

export type * from './graphTypes';

export const endpointEdgeId = endpointWireId;

export interface GraphInput {
  topology: Topology;
  placement: Placement;
  collapsed: Set<string>;
  /** What the filter leaves on screen (network and container ids). */
  visible: Set<string>;
  selection: Selection | null;
  /** A test's path (../connectivity/testPath.ts): each wire's verdict, and a target that refused. */
  highlight: {
    wires: Map<string, 'ok' | 'fail' | 'testing'>;
    failedAt: string | null;
    ends?: { from: string; target: string | null };
    tunnels?: Map<string, { verdict: 'ok' | 'fail'; way: string }>;
  } | null;
  showIdleNetworks: boolean;
  /** Comparing with a snapshot: what to mark (../snapshots/compareView.ts). */
  compare?: CompareMarks | null;
}

const IDLE_CHIP_WIDTH = 260;

export function buildGraph(input: GraphInput, cache = new GraphCache()): { nodes: GraphNode[]; edges: Edge[] } {
  const { topology, placement, collapsed, visible, selection } = input;
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  const frameOf = (nodeId: string) => placement.parents[nodeId];
  const lookup = topologyIndex(topology);
  const shownFrames = new Set<string>();
  const isSelected = (kind: 'container' | 'network', id: string) => selection?.kind === kind && selection.id === id;
  const noteOf = (id: string) => input.compare?.things.get(id);
  // Part of a node's cache key: a mark changes what it shows.
  const noteKey = (note: CompareNote | undefined) => (note ? `${note.mark}:${note.lines.join('\n')}` : '');

  // Children first decide which frames have anything to show.
  const children: GraphNode[] = [];
  const idleNetworks = topology.networks.filter((n) => isIdlePredefined(n, topology));
  for (const network of topology.networks) {
    const id = networkNodeId(network.id);
    const idle = isIdlePredefined(network, topology);
    const frame = frameOf(id);
    let position = frame ? placement.positions[id] : undefined;
    if (idle && input.showIdleNetworks)
      position = {
        x: idleNetworks.indexOf(network) * (IDLE_CHIP_WIDTH + 20),
        y: -BUS_HEIGHT - 60,
      };
    if (!position) continue;
    // What is not drawn is not handed to React Flow at all: on a big host most nodes sit in
    // collapsed groups, and every node passed costs on each update, drawn or not.
    if (!visible.has(network.id) || (frame !== undefined && collapsed.has(frame))) continue;
    if (frame) shownFrames.add(frame);
    const role = network.driver === 'host' ? 'host' : network.driver === 'null' ? 'none' : 'network';
    const width = idle ? IDLE_CHIP_WIDTH : (placement.frames[frame!]?.innerWidth ?? CARD_WIDTH);
    const attached = lookup.attached(network.id);
    const compare = noteOf(network.id);
    const meshPorts = network.name === 'ingress' && network.driver === 'overlay' ? routingMeshPorts(topology) : [];
    children.push(
      cache.node(
        id,
        [network, position, width, attached, isSelected('network', network.id), frame, noteKey(compare), meshPorts.join()],
        () => ({
          id,
          type: 'network',
          position,
          ...(frame && !idle ? { parentId: frame } : {}),
          width,
          height: BUS_HEIGHT,
          selected: isSelected('network', network.id),
          data: { network, attached, role, width, idle, meshPorts, ...(compare ? { compare } : {}) },
        }),
      ),
    );
  }
  for (const container of topology.containers) {
    const id = containerNodeId(container.id);
    const frame = frameOf(id);
    const position = frame ? placement.positions[id] : undefined;
    if (!position || !frame) continue;
    if (!visible.has(container.id) || collapsed.has(frame)) continue;
    shownFrames.add(frame);
    const handWired = handWiredInto(container.id, topology.unmanagedLinks);
    const refusedTest = input.highlight?.failedAt === container.id;
    const ends = input.highlight?.ends;
    const testEnd = ends?.from === container.id ? 'from' : ends?.target === container.id ? 'target' : null;
    const compare = noteOf(container.id);
    const overlayEnds = container.endpoints.map((e) => {
      const network = lookup.network(e.networkId);
      return network?.overlay ? { network, end: overlayEndFor(network, container.id, e.ifname) } : null;
    });
    const overlayKey = overlayEnds.map((o) => (o ? `${o.end?.name}@${o.network.overlay?.namespace?.bridge?.name}` : '')).join();
    const key = [
      container,
      position,
      frame,
      isSelected('container', container.id),
      refusedTest,
      testEnd,
      noteKey(compare),
      overlayKey,
      ...handWired,
    ];
    children.push(
      cache.node(id, key, () => {
        const owner = container.netnsOwner ? lookup.container(container.netnsOwner)?.name : undefined;
        const rows = containerRows(container, topology.unmanagedLinks, owner);
        return {
          id,
          type: 'container',
          position,
          parentId: frame,
          width: CARD_WIDTH,
          height: containerHeight(container, topology.unmanagedLinks),
          selected: isSelected('container', container.id),
          data: {
            container,
            service: serviceOf(container) ?? taskTitle(container.name, container.labels),
            endpoints: rows.endpoints,
            handWired: rows.handWired,
            details: [
              ...rows.endpoints.map((e) => endpointLabel(container, e, overlayEnds[container.endpoints.indexOf(e)] ?? null)),
              ...rows.handWired.map(handWiredLabel),
            ],
            handNetworks: rows.handWired.map((link) => (link.networkId && lookup.network(link.networkId)?.name) || link.master || ''),
            info: rows.info,
            ...(refusedTest ? { refusedTest: true as const } : {}),
            ...(testEnd ? { testEnd } : {}),
            ...(compare ? { compare } : {}),
          },
        };
      }),
    );
  }

  // Frames, before their children (React Flow draws parents first). A collapsed frame shows as long as it holds anything the filter keeps.
  const membersOf = new Map<string, string[]>();
  for (const [child, parent] of Object.entries(placement.parents)) {
    const members = membersOf.get(parent);
    if (members) members.push(child);
    else membersOf.set(parent, [child]);
  }
  for (const [frameId, info] of Object.entries(placement.frames)) {
    const members = membersOf.get(frameId) ?? [];
    const keeps = members.some((child) => visible.has(child.slice(4)));
    const isCollapsed = collapsed.has(frameId);
    const position = placement.positions[frameId];
    if (!position || !members.length || (!shownFrames.has(frameId) && !(isCollapsed && keeps))) continue;
    const memberContainers = topology.containers.filter((c) => placement.parents[containerNodeId(c.id)] === frameId);
    const size = frameSize(frameId, placement, topology, collapsed, members);
    nodes.push(
      cache.node(frameId, [info, position, size.width, size.height, isCollapsed, ...memberContainers.map((c) => c.state)], () => ({
        id: frameId,
        type: 'frame',
        position,
        width: isCollapsed ? TILE_WIDTH : size.width,
        height: isCollapsed ? TILE_HEIGHT : size.height,
        dragHandle: '.frame-drag',
        selectable: false,
        zIndex: -1,
        data: {
          info,
          collapsed: isCollapsed,
          containers: memberContainers.length,
          running: memberContainers.filter((c) => c.state === 'running').length,
          networks: members.filter(isNetworkNode).length,
        },
      })),
    );
  }
  const hosts = hostFrames(topology, placement, nodes as FrameNode[], cache);
  nodes.unshift(...hosts);
  nodes.push(...tunnelMeshes(topology, hosts, nodes as FrameNode[], (id) => visible.has(id), frameOf, input.highlight?.tunnels, cache));
  nodes.push(...children);

  // Wires: each goes from what is drawn of its network (the bus, or its collapsed frame) to what is drawn of its container.
  const drawnAs = (nodeId: string) => {
    const frame = frameOf(nodeId);
    return frame && collapsed.has(frame) ? frame : nodeId;
  };
  const bundles = new Map<string, Edge>();
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const wire = (
    edgeId: string,
    networkId: string,
    container: ContainerInfo,
    row: number,
    data: Omit<WireEdgeData, 'lane' | 'busWidth'>,
  ) => {
    const networkNode = networkNodeId(networkId);
    const containerNode = containerNodeId(container.id);
    const network = nodeById.get(networkNode);
    if (!network && !frameOf(networkNode)) return;
    if (!visible.has(networkId) || !visible.has(container.id)) return;
    const source = drawnAs(networkNode);
    const target = drawnAs(containerNode);
    if (source === target) return;
    if (source !== networkNode || target !== containerNode) {
      // Between two tiles, the wire leaves and enters by the sides that face each other: from a tile to one on
      // its left it would otherwise run across both tiles' words.
      const [from, to] = [input.placement.positions[source], input.placement.positions[target]];
      const tileToTile = source !== networkNode && target !== containerNode && from !== undefined && to !== undefined;
      const sides = tileToTile ? tileSides(nodeById.get(source), nodeById.get(target), nodes) : null;
      const key = `bundle:${source}:${target}`;
      const existing = bundles.get(key);
      if (existing) (existing.data as WireEdgeData).bundled! += 1;
      else
        bundles.set(key, {
          id: key,
          type: 'wire',
          source,
          target,
          sourceHandle: source === networkNode ? 'bus' : (sides?.source ?? 'tile-out'),
          targetHandle: target === containerNode ? `row-${row}` : (sides?.target ?? 'tile-in'),
          data: { ...data, lane: row, busWidth: 0, bundled: 1 },
        });
      return;
    }
    const busWidth = (network?.data as NetworkNodeData | undefined)?.width ?? CARD_WIDTH;
    const path = input.highlight?.wires.get(edgeId);
    // A swarm network across hosts runs under all their frames: its wires drop straight onto it, as in one frame.
    const acrossHosts = Boolean((network?.data as NetworkNodeData | undefined)?.network.spans);
    const crossFrame = frameOf(networkNode) !== frameOf(containerNode) && !acrossHosts;
    const related =
      (selection?.kind === 'container' && selection.id === container.id) ||
      (selection?.kind === 'network' && selection.id === networkId) ||
      sameSelection(selection, data.selection);
    const emphasis = related ? ('related' as const) : selection && selection.kind !== 'link' ? ('dim' as const) : undefined;
    const compare = input.compare?.wires.get(edgeId);
    edges.push(
      cache.edge(
        edgeId,
        [container, networkId, row, data.look, busWidth, path, sameSelection(selection, data.selection), crossFrame, emphasis, compare],
        () => ({
          id: edgeId,
          type: 'wire',
          // What a screen reader says for the wire (React Flow would say "Edge from" and two ids).
          ariaLabel: `wire ${data.containerName} – ${data.networkName}`,
          source,
          sourceHandle: 'bus',
          target,
          targetHandle: `row-${row}`,
          selected: sameSelection(selection, data.selection),
          data: {
            ...data,
            lane: row,
            busWidth,
            crossFrame,
            ...(emphasis ? { emphasis } : {}),
            ...(path ? { path } : {}),
            ...(compare ? { compare } : {}),
          },
        }),
      ),
    );
  };
  for (const container of topology.containers) {
    // Filtered out: no wire, no namespace tie (each would be refused below, after its rows were made).
    if (!visible.has(container.id)) continue;
    const rows = containerRows(container, topology.unmanagedLinks);
    rows.endpoints.forEach((endpoint, row) =>
      wire(endpointEdgeId(container.id, endpoint.networkId), endpoint.networkId, container, row, {
        containerName: container.name,
        networkName: endpoint.networkName,
        look: endpoint.endpointId ? 'docker' : 'stopped',
        selection: { kind: 'endpoint', containerId: container.id, networkId: endpoint.networkId },
      }),
    );
    rows.handWired.forEach((link, index) => {
      const network = link.networkId ? lookup.network(link.networkId) : undefined;
      if (!network) return;
      wire(handWireId(container.id, link.ifindex), network.id, container, rows.endpoints.length + index, {
        containerName: container.name,
        networkName: network.name,
        look: 'hand',
        selection: { kind: 'link', ifindex: link.ifindex },
      });
    });
    // A namespace sharer, tied to its owner.
    const owner = container.netnsOwner ? containerNodeId(container.netnsOwner) : null;
    if (owner && frameOf(owner) && frameOf(containerNodeId(container.id)) && visible.has(container.id)) {
      const [source, target] = [drawnAs(owner), drawnAs(containerNodeId(container.id))];
      if (source !== target) {
        edges.push(
          cache.edge(`ns:${container.id}`, [source, target], () => ({
            id: `ns:${container.id}`,
            type: 'smoothstep',
            source,
            sourceHandle: source === owner ? 'netns-out' : 'tile-out',
            target,
            targetHandle: target === containerNodeId(container.id) ? 'netns-in' : 'tile-in',
            // No words on the line itself: the sharer's card says whose namespace it is in (a label here sat on the cards).
            ariaLabel: `${container.name} shares the network namespace of ${lookup.container(container.netnsOwner!)?.name ?? 'another container'}`,
            className: 'netns-edge',
            data: {},
          })),
        );
      }
    }
  }
  for (const bundle of bundles.values()) bundle.ariaLabel = `${(bundle.data as WireEdgeData).bundled} wires`;
  edges.push(...bundles.values());
  cache.sweep();
  return { nodes, edges };
}

/** Field by field: asked twice per wire on every change, where text made of both cost more than the wire. */
function sameSelection(a: Selection | null, b: Selection): boolean {
  if (a === null || a.kind !== b.kind) return false;
  if (b.kind === 'endpoint') return a.kind === 'endpoint' && a.containerId === b.containerId && a.networkId === b.networkId;
  if (b.kind === 'link') return a.kind === 'link' && a.ifindex === b.ifindex;
  return (a as { id: string }).id === b.id;
}

/**
 * The sides a bundle between two tiles leaves and enters by, so that it runs across neither tile's words nor a
 * third's: along a row, the sides that face each other, or under the row when other tiles stand between; from
 * one row to another, bottom to top.
 */
function tileSides(from: GraphNode | undefined, to: GraphNode | undefined, nodes: GraphNode[]): { source: string; target: string } {
  if (!from || !to) return { source: 'tile-out', target: 'tile-in' };
  const dy = to.position.y - from.position.y;
  if (from.parentId !== to.parentId || Math.abs(dy) < 1) {
    if (tilesBetween(from, to, nodes)) return { source: 'tile-out-below', target: 'tile-in-below' };
    return to.position.x < from.position.x
      ? { source: 'tile-out-left', target: 'tile-in-right' }
      : { source: 'tile-out', target: 'tile-in' };
  }
  return dy > 0 ? { source: 'tile-out-below', target: 'tile-in-above' } : { source: 'tile-out-above', target: 'tile-in-below' };
}

/** Whether two tiles stand in one row (of one host) with another tile between them. */
function tilesBetween(from: GraphNode | undefined, to: GraphNode | undefined, nodes: GraphNode[]): boolean {
  if (!from || !to || from.parentId !== to.parentId || Math.abs(from.position.y - to.position.y) >= 1) return false;
  const [left, right] = from.position.x < to.position.x ? [from.position.x, to.position.x] : [to.position.x, from.position.x];
  return nodes.some(
    (node) =>
      node.type === 'frame' &&
      node.data.collapsed &&
      node.parentId === from.parentId &&
      Math.abs(node.position.y - from.position.y) < 1 &&
      node.position.x > left &&
      node.position.x < right,
  );
}
