/**
 * Pure, stable layout. The first time (and on Tidy) everything is laid out:
 * groups into frames (./frameInterior.ts), frames packed to the canvas's shape
 * (./packFrames.ts). Afterwards live changes never move what is placed: a new
 * container takes the first free place under its home bus, a new network gets
 * a bus at the bottom of its frame, a new group a frame below the others.
 * Collapsing or expanding groups repacks the frames (not what is inside them).
 *
 * Positions of frames are absolute; of buses and cards, relative to their frame.
 */
import type { Topology } from '../../../common/topology';
import {
  BUS_GAP,
  BUS_HEIGHT,
  CARD_WIDTH,
  COLUMN_GAP,
  containerHeight,
  FRAME_GAP,
  FRAME_PADDING,
  HOST_HEADER,
  HOST_PADDING,
  ROW_GAP,
  TILE_HEIGHT,
  TILE_WIDTH,
} from './geometry';
import { groupsOf, homeNetworkOf, type Group } from './groups';
import { layoutInterior } from './frameInterior';
import { containerNodeId, groupNodeId, hostNodeId, isContainerNode, isNetworkNode, networkNodeId, type Point } from './ids';
import { packFrames } from './packFrames';
import { packHosts } from './packHosts';

export { containerNodeId, groupNodeId, networkNodeId, type Point } from './ids';

export interface FrameInfo {
  /** Its engine, when several are followed: it sits inside that engine's host frame. */
  host?: string;
  title: string;
  name: string;
  kind: Group['kind'];
  /** The width its buses span and its rows wrap at. */
  innerWidth: number;
  columns: number;
}

export interface Placement {
  /** Frames: absolute. Buses and cards: relative to their frame. */
  positions: Record<string, Point>;
  /** Each bus and card's frame (node ids); kept until Tidy, so nothing changes frames live. */
  parents: Record<string, string>;
  frames: Record<string, FrameInfo>;
}

export const EMPTY_PLACEMENT: Placement = { positions: {}, parents: {}, frames: {} };

export interface PlaceOptions {
  /** The canvas's width / height. */
  aspect: number;
  /** Frame node ids drawn as one tile. */
  collapsed: Set<string>;
  /** Lay everything out afresh (Tidy). */
  tidy?: boolean;
  /** Pack the frames again, keeping what is inside them (after collapsing or expanding). */
  repack?: boolean;
}

/** The size a frame is drawn at: its tile when collapsed, else what its children take. */
export function frameSize(
  frameId: string,
  placement: Placement,
  topology: Topology,
  collapsed: Set<string>,
  /** The frame's children, where the caller knows them already (else found among all placed nodes). */
  members: string[] = childrenOf(placement, frameId),
): { width: number; height: number } {
  if (collapsed.has(frameId)) return { width: TILE_WIDTH, height: TILE_HEIGHT };
  const info = placement.frames[frameId];
  let width = (info?.innerWidth ?? 0) + FRAME_PADDING * 2;
  let height = 0;
  const byNode = containersByNode(topology);
  for (const child of members) {
    const at = placement.positions[child];
    if (!at) continue;
    const size = childSize(child, topology, info, byNode);
    width = Math.max(width, at.x + size.width + FRAME_PADDING);
    height = Math.max(height, at.y + size.height + FRAME_PADDING);
  }
  return { width, height: Math.max(height, TILE_HEIGHT) };
}

/** Containers by node id, computed once per Topology (layouts ask for many sizes). */
const byNodeCache = new WeakMap<Topology, Map<string, Topology['containers'][number]>>();
function containersByNode(topology: Topology) {
  let map = byNodeCache.get(topology);
  if (!map) byNodeCache.set(topology, (map = new Map(topology.containers.map((c) => [containerNodeId(c.id), c]))));
  return map;
}

function childSize(
  nodeId: string,
  topology: Topology,
  info: FrameInfo | undefined,
  byNode = containersByNode(topology),
): { width: number; height: number } {
  if (isNetworkNode(nodeId)) return { width: info?.innerWidth ?? CARD_WIDTH, height: BUS_HEIGHT };
  const container = byNode.get(nodeId);
  return { width: CARD_WIDTH, height: container ? containerHeight(container, topology.unmanagedLinks) : 80 };
}

export function placeNodes(topology: Topology, previous: Placement, options: PlaceOptions): Placement {
  const groups = groupsOf(topology);
  if (options.tidy || Object.keys(previous.frames).length === 0) return layoutAll(topology, groups, options);
  const placement: Placement = { positions: { ...previous.positions }, parents: { ...previous.parents }, frames: { ...previous.frames } };
  const newFrames: string[] = [];
  for (const group of groups) {
    const frameId = groupNodeId(group.id);
    const members = [...group.networks.map(networkNodeId), ...group.containers.map(containerNodeId)];
    const unplaced = members.filter((id) => !placement.parents[id]);
    if (unplaced.length === 0) continue;
    if (!placement.frames[frameId]) {
      addFrame(placement, frameId, { ...group, networks: group.networks, containers: group.containers }, topology, unplaced);
      newFrames.push(frameId);
      continue;
    }
    for (const network of group.networks.filter((id) => !placement.parents[networkNodeId(id)]))
      appendBus(placement, frameId, network, topology);
    for (const container of group.containers.filter((id) => !placement.parents[containerNodeId(id)]))
      placeCard(placement, frameId, container, topology);
  }
  if (options.repack) return repack(placement, topology, options);
  placeNewFrames(placement, newFrames, topology, options.collapsed);
  return placement;
}

function layoutAll(topology: Topology, groups: Group[], options: PlaceOptions): Placement {
  const placement: Placement = { positions: {}, parents: {}, frames: {} };
  for (const group of groups) {
    const frameId = groupNodeId(group.id);
    addFrame(placement, frameId, group, topology, [...group.networks.map(networkNodeId), ...group.containers.map(containerNodeId)]);
  }
  return repack(placement, topology, options);
}

/** Lays a group out inside a new frame (only its members not placed elsewhere). */
function addFrame(placement: Placement, frameId: string, group: Group, topology: Topology, members: string[]) {
  const wanted = new Set(members);
  const interior = layoutInterior(
    {
      ...group,
      networks: group.networks.filter((id) => wanted.has(networkNodeId(id))),
      containers: group.containers.filter((id) => wanted.has(containerNodeId(id))),
    },
    topology,
  );
  placement.frames[frameId] = {
    ...(group.host === undefined ? {} : { host: group.host }),
    title: group.title,
    name: group.name,
    kind: group.kind,
    innerWidth: interior.width - FRAME_PADDING * 2,
    columns: interior.columns,
  };
  for (const [id, at] of Object.entries(interior.positions)) {
    placement.positions[id] = at;
    placement.parents[id] = frameId;
  }
}

function repack(placement: Placement, topology: Topology, options: PlaceOptions): Placement {
  const boxes = Object.keys(placement.frames)
    .filter((frameId) => Object.values(placement.parents).includes(frameId))
    .map((id) => ({ id, title: placement.frames[id]!.title, ...frameSize(id, placement, topology, options.collapsed) }));
  const hub = hubOf(placement, topology);
  if (topology.hosts?.length) {
    const hostBoxes = boxes.map((box) => ({ ...box, host: placement.frames[box.id]!.host ?? '' }));
    const packed = packHosts(topology.hosts, hostBoxes, options.aspect, hub);
    Object.assign(placement.positions, packed.positions);
    // A swarm network across the hosts is drawn as wide as they are: its bus spans their frames.
    for (const box of hostBoxes.filter((b) => !topology.hosts!.some((h) => h.name === b.host))) {
      const info = placement.frames[box.id]!;
      placement.frames[box.id] = { ...info, innerWidth: Math.max(info.innerWidth, packed.width - FRAME_PADDING * 2) };
    }
  } else {
    Object.assign(placement.positions, packFrames(boxes, options.aspect, hub));
  }
  return placement;
}

/** The frame whose containers are on the most networks of other frames (three at least): the hub of the picture. */
function hubOf(placement: Placement, topology: Topology): string | undefined {
  const reach = new Map<string, Set<string>>();
  for (const container of topology.containers) {
    const home = placement.parents[containerNodeId(container.id)];
    if (!home) continue;
    for (const endpoint of container.endpoints) {
      const other = placement.parents[networkNodeId(endpoint.networkId)];
      if (other && other !== home) (reach.get(home) ?? reach.set(home, new Set()).get(home)!).add(other);
    }
  }
  const [hub, frames] = [...reach].sort((a, b) => b[1].size - a[1].size)[0] ?? [];
  return frames && frames.size >= 3 ? hub : undefined;
}

/**
 * New frames go below everything already drawn, left to right; with several engines, below what is drawn
 * of their own engine, inside its host frame (at its top when it had nothing yet).
 */
function placeNewFrames(placement: Placement, frameIds: string[], topology: Topology, collapsed: Set<string>) {
  const hostOf = (id: string) => placement.frames[id]?.host;
  for (const host of new Set(frameIds.map(hostOf))) {
    const fresh = frameIds.filter((id) => hostOf(id) === host);
    // What belongs to no engine of several goes below them all.
    const anyHost = host === undefined && Boolean(topology.hosts);
    const others = Object.keys(placement.frames).filter(
      (id) => !frameIds.includes(id) && placement.positions[id] && (anyHost || hostOf(id) === host),
    );
    const hostAt = host === undefined ? undefined : placement.positions[hostNodeId(host)];
    let bottom = others.length || !hostAt ? 0 : hostAt.y + HOST_HEADER;
    let left = others.length ? Math.min(...others.map((id) => placement.positions[id]!.x)) : hostAt ? hostAt.x + HOST_PADDING : 0;
    for (const id of others)
      bottom = Math.max(bottom, placement.positions[id]!.y + frameSize(id, placement, topology, collapsed).height + FRAME_GAP);
    for (const id of fresh) {
      placement.positions[id] = { x: left, y: bottom };
      left += frameSize(id, placement, topology, collapsed).width + FRAME_GAP;
    }
  }
}

function childrenOf(placement: Placement, frameId: string): string[] {
  return Object.entries(placement.parents)
    .filter(([, parent]) => parent === frameId)
    .map(([id]) => id);
}

function bottomOf(placement: Placement, frameId: string, topology: Topology): number {
  const info = placement.frames[frameId];
  let bottom = 0;
  for (const id of childrenOf(placement, frameId)) {
    const at = placement.positions[id];
    if (at) bottom = Math.max(bottom, at.y + childSize(id, topology, info).height);
  }
  return bottom;
}

function appendBus(placement: Placement, frameId: string, network: string, topology: Topology) {
  const id = networkNodeId(network);
  placement.positions[id] = { x: FRAME_PADDING, y: Math.max(bottomOf(placement, frameId, topology) + ROW_GAP * 2, 40) };
  placement.parents[id] = frameId;
}

/** The first free place under the container's home bus in this frame; else a new row at the frame's bottom. */
function placeCard(placement: Placement, frameId: string, containerId: string, topology: Topology) {
  const id = containerNodeId(containerId);
  const container = topology.containers.find((c) => c.id === containerId)!;
  const info = placement.frames[frameId]!;
  const home = homeNetworkOf(container, topology);
  const bus = home && placement.parents[networkNodeId(home)] === frameId ? placement.positions[networkNodeId(home)] : undefined;
  placement.parents[id] = frameId;
  if (!bus) {
    placement.positions[id] = { x: FRAME_PADDING + COLUMN_GAP, y: bottomOf(placement, frameId, topology) + ROW_GAP };
    return;
  }
  // The region under the bus: down to the next bus of the frame.
  const top = bus.y + BUS_HEIGHT + BUS_GAP;
  const nextBus = childrenOf(placement, frameId)
    .filter((other) => isNetworkNode(other) && placement.positions[other]!.y > bus.y)
    .map((other) => placement.positions[other]!.y)
    .sort((a, b) => a - b)[0];
  const cards = childrenOf(placement, frameId)
    .filter((other) => isContainerNode(other) && other !== id)
    .map((other) => ({ at: placement.positions[other]!, size: childSize(other, topology, info) }))
    .filter(({ at }) => at.y >= top && (nextBus === undefined || at.y < nextBus));
  const rows = [...new Set(cards.map((card) => card.at.y))].sort((a, b) => a - b);
  const height = containerHeight(container, topology.unmanagedLinks);
  for (const rowY of rows.length ? rows : [top]) {
    for (let column = 0; column < info.columns; column++) {
      const x = FRAME_PADDING + COLUMN_GAP + column * (CARD_WIDTH + COLUMN_GAP);
      const clash = cards.some(
        ({ at, size }) => at.x < x + CARD_WIDTH && x < at.x + size.width && at.y < rowY + height && rowY < at.y + size.height,
      );
      const fitsAboveNextBus = nextBus === undefined || rowY + height + ROW_GAP <= nextBus;
      if (!clash && fitsAboveNextBus) {
        placement.positions[id] = { x, y: rowY };
        return;
      }
    }
  }
  // No free place: a new row under the region's last (the frame grows; Tidy repacks it all).
  const lastBottom = Math.max(top - ROW_GAP, ...cards.map(({ at, size }) => at.y + size.height));
  placement.positions[id] = { x: FRAME_PADDING + COLUMN_GAP, y: lastBottom + ROW_GAP };
}
