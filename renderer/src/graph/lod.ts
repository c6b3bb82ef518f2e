/**
 * Level of detail by zoom: what a node draws is readable at the zoom it is seen
 * at. Nodes subscribe to the band, not the zoom, so they redraw only when it
 * changes band.
 *
 * @example
 * const lod = useLod(); // 'near' | 'mid' | 'far'
 */
import { useStore } from '@xyflow/react';

export type Lod = 'near' | 'mid' | 'far';

/** near: wire details (veth pairs, MACs) readable; mid: names and addresses; far: names alone, drawn large. */
export function lodOf(zoom: number): Lod {
  return zoom >= 0.85 ? 'near' : zoom >= 0.5 ? 'mid' : 'far';
}

export function useLod(): Lod {
  return useStore((state) => lodOf(state.transform[2]));
}
