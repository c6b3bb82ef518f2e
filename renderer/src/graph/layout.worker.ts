/// <reference lib="webworker" />
/** Runs the layout off the main thread, so a big host never stalls the UI. */
import type { Topology } from '../../../common/topology';
import { decideFirstView } from '../layout/firstView';
import { placeNodes, type Placement } from '../layout/placeNodes';

export interface LayoutRequest {
  requestId: number;
  /** The whole picture, or what the filter leaves (laid out on its own, nothing collapsed). */
  purpose: 'whole' | 'filtered';
  /** For a filtered layout: the query it is for. */
  query: string;
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
  purpose: LayoutRequest['purpose'];
  query: string;
  placement: Placement;
  collapsed: string[];
}

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { requestId, purpose, query, topology, placement, collapsed, canvas, tidy, repack } = message.data;
  const aspect = canvas.width / Math.max(1, canvas.height);
  const response: LayoutResponse =
    collapsed === null
      ? { requestId, purpose, query, ...decideFirstView(topology, canvas) }
      : {
          requestId,
          purpose,
          query,
          placement: placeNodes(topology, placement, { aspect, collapsed: new Set(collapsed), tidy, repack }),
          collapsed,
        };
  self.postMessage(response);
};
