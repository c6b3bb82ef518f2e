/**
 * Keeps the store's positions complete: whenever the Topology has nodes with
 * no position, asks the layout worker to place them (and only them).
 *
 * @example
 * function Graph() { useLayout(); … }
 */
import { useEffect, useRef } from 'react';
import { useDockwire } from '../../store/store';
import type { LayoutRequest, LayoutResponse } from './layout.worker';
import { containerNodeId, networkNodeId } from './placeNodes';

export function useLayout(): void {
  const topology = useDockwire((state) => state.topology);
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);

  useEffect(() => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<LayoutResponse>) => {
      if (message.data.requestId === requestRef.current) useDockwire.getState().addPositions(message.data.placed);
    };
    workerRef.current = worker;
    return () => worker.terminate();
  }, []);

  useEffect(() => {
    if (!topology || !workerRef.current) return;
    const known = useDockwire.getState().positions;
    const missing =
      topology.networks.some((n) => !known[networkNodeId(n.id)]) || topology.containers.some((c) => !known[containerNodeId(c.id)]);
    if (!missing) return;
    const request: LayoutRequest = { requestId: ++requestRef.current, topology, known };
    workerRef.current.postMessage(request);
  }, [topology]);
}
