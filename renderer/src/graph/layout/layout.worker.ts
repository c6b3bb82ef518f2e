/// <reference lib="webworker" />
/** Runs the layout off the main thread, so a big host never stalls the UI. */
import type { Topology } from '../../../../common/topology';
import { placeNodes, type Point } from './placeNodes';

export interface LayoutRequest {
  requestId: number;
  topology: Topology;
  known: Record<string, Point>;
}

export interface LayoutResponse {
  requestId: number;
  placed: Record<string, Point>;
}

self.onmessage = (message: MessageEvent<LayoutRequest>) => {
  const { requestId, topology, known } = message.data;
  const response: LayoutResponse = { requestId, placed: placeNodes(topology, known) };
  self.postMessage(response);
};
