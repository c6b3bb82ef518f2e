/**
 * Pure: the first view of a host. Everything expanded if every name can then
 * be read (9 px or more on screen, at the zoom that fits it all); else every
 * group collapsed to a tile, whose names are larger still.
 */
import type { Topology } from '../../../common/topology';
import { FAR_NAME_PX, MIN_READABLE_PX } from './geometry';
import { EMPTY_PLACEMENT, frameSize, placeNodes, type Placement } from './placeNodes';

/** The zoom at which a layout fits the canvas (with a margin), never above 1. */
export function fitZoom(
  placement: Placement,
  topology: Topology,
  collapsed: Set<string>,
  canvas: { width: number; height: number },
): number {
  let [right, bottom] = [1, 1];
  for (const frameId of Object.keys(placement.frames)) {
    const at = placement.positions[frameId];
    if (!at) continue;
    const size = frameSize(frameId, placement, topology, collapsed);
    right = Math.max(right, at.x + size.width);
    bottom = Math.max(bottom, at.y + size.height);
  }
  return Math.min(1, (canvas.width * 0.9) / right, (canvas.height * 0.9) / bottom);
}

export function decideFirstView(
  topology: Topology,
  canvas: { width: number; height: number },
): { placement: Placement; collapsed: string[] } {
  const aspect = canvas.width / Math.max(1, canvas.height);
  const expanded = placeNodes(topology, EMPTY_PLACEMENT, { aspect, collapsed: new Set() });
  const frames = Object.keys(expanded.frames);
  if (frames.length <= 1 || fitZoom(expanded, topology, new Set(), canvas) * FAR_NAME_PX >= MIN_READABLE_PX)
    return { placement: expanded, collapsed: [] };
  const collapsed = new Set(frames);
  return { placement: placeNodes(topology, expanded, { aspect, collapsed, repack: true }), collapsed: frames };
}
