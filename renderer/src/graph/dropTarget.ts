/**
 * Pure: which network a container dragged to a point would be dropped on. The
 * whole of a network accepts it: its bus, the space under the bus where its
 * containers hang (its trunk and rows), up to the next bus of the group; and a
 * collapsed group's tile, for its first network (a project's default one).
 */
import { networkNodeId } from '../layout/ids';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DropScene {
  /** Each drawn bus, absolute, with the network it is and the group frame it sits in. */
  buses: Array<Rect & { networkId: string; frameId: string | null }>;
  /** Each group frame, absolute; a collapsed one is a tile. */
  frames: Array<Rect & { frameId: string; collapsed: boolean; networkIds: string[] }>;
}

export interface DropPlace {
  networkId: string;
  /** What to highlight: the bus, or the collapsed tile. */
  nodeId: string;
  /** Right on the bus or tile (not just the space under a bus, where a card may simply be moved). */
  direct: boolean;
}

const inside = (point: { x: number; y: number }, rect: Rect) =>
  point.x >= rect.x && point.x <= rect.x + rect.width && point.y >= rect.y && point.y <= rect.y + rect.height;

export function dropPlaceAt(point: { x: number; y: number }, scene: DropScene): DropPlace | null {
  const bus = scene.buses.find((b) => inside(point, b));
  if (bus) return { networkId: bus.networkId, nodeId: networkNodeId(bus.networkId), direct: true };
  const frame = scene.frames.find((f) => inside(point, f));
  if (!frame) return null;
  if (frame.collapsed) return frame.networkIds[0] ? { networkId: frame.networkIds[0], nodeId: frame.frameId, direct: true } : null;
  // In an open group: the network whose bus is the nearest above the point (its containers hang under it); above all buses, the first.
  const own = scene.buses.filter((b) => b.frameId === frame.frameId).sort((a, b) => a.y - b.y);
  const above = own.filter((b) => b.y <= point.y).at(-1) ?? own[0];
  return above ? { networkId: above.networkId, nodeId: networkNodeId(above.networkId), direct: false } : null;
}
