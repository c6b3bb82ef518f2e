/// <reference lib="webworker" />
/** Runs the layout off the main thread, so a big host never stalls the UI. */
import type { Topology } from '../../../common/topology';
import { decideFirstView } from '../layout/firstView';
import { placeNodes, type Placement } from '../layout/placeNodes';

export interface LayoutRequest {
  requestId: number;
  topology: Topology;
  placement: Placement;
  /** Null: not decided yet for this engine (the first view decides). */
  collapsed: string[] | null;
  canvas: { width: number; height: number };
  tidy: boolean;
  repack: boolean;
}

export interface LayoutResponse {
  requestId: number;
  placement: Placement;
  collapsed: string[];
}

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { requestId, topology, placement, collapsed, canvas, tidy, repack } = message.data;
  const aspect = canvas.width / Math.max(1, canvas.height);
  const response: LayoutResponse =
    collapsed === null
      ? { requestId, ...decideFirstView(topology, canvas) }
      : { requestId, placement: placeNodes(topology, placement, { aspect, collapsed: new Set(collapsed), tidy, repack }), collapsed };
  self.postMessage(response);
};
