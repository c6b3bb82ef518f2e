/**
 * Keeps the placement complete and current: asks the layout worker whenever
 * the Topology has something not yet placed, Tidy was asked for, or groups were
 * collapsed or expanded. Which groups are collapsed is remembered per engine.
 *
 * @example
 * function Graph() { useLayout(); … }
 */
import { useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { containerNodeId, networkNodeId } from '../layout/ids';
import { isIdlePredefined } from '../layout/groups';
import { useDockwire } from '../store/store';
import type { LayoutRequest, LayoutResponse } from './layout.worker';

const storageKey = (endpoint: string) => `dockwire.collapsed:${endpoint}`;

function remembered(endpoint: string): string[] | null {
  try {
    const value = JSON.parse(localStorage.getItem(storageKey(endpoint)) ?? 'null') as unknown;
    return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
  } catch {
    return null;
  }
}

export function useLayout(): void {
  const topology = useDockwire((state) => state.topology);
  const collapsed = useDockwire((state) => state.collapsed);
  const tidyRequest = useDockwire((state) => state.tidyRequest);
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  const workerRef = useRef<Worker | null>(null);
  const requestRef = useRef(0);
  const seen = useRef({ tidy: tidyRequest, collapsed });

  useEffect(() => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<LayoutResponse>) => {
      if (message.data.requestId !== requestRef.current) return;
      const state = useDockwire.getState();
      state.setPlacement(message.data.placement);
      if (state.collapsed === null) {
        seen.current.collapsed = message.data.collapsed;
        state.setCollapsed(message.data.collapsed);
      }
    };
    workerRef.current = worker;
    return () => worker.terminate();
  }, []);

  // Remember the choice of collapsed groups for this engine.
  const endpoint = topology?.engine.endpoint;
  useEffect(() => {
    if (!endpoint || collapsed === null) return;
    try {
      localStorage.setItem(storageKey(endpoint), JSON.stringify(collapsed));
    } catch {
      // storage full or off: the choice lasts this session only
    }
  }, [endpoint, collapsed]);

  useEffect(() => {
    if (!topology || !workerRef.current || width === 0 || height === 0) return;
    const state = useDockwire.getState();
    let decided = collapsed;
    if (decided === null) {
      decided = remembered(topology.engine.endpoint);
      if (decided) {
        seen.current.collapsed = decided;
        return state.setCollapsed(decided);
      }
    }
    const tidy = seen.current.tidy !== tidyRequest;
    const repack = seen.current.collapsed !== collapsed;
    seen.current = { tidy: tidyRequest, collapsed };
    const { parents } = state.placement;
    const missing =
      topology.networks.some((n) => !isIdlePredefined(n, topology) && !parents[networkNodeId(n.id)]) ||
      topology.containers.some((c) => !parents[containerNodeId(c.id)]);
    if (!missing && !tidy && !repack && decided !== null) return;
    const request: LayoutRequest = {
      requestId: ++requestRef.current,
      topology,
      placement: tidy ? { positions: {}, parents: {}, frames: {} } : state.placement,
      collapsed: decided,
      canvas: { width, height },
      tidy,
      repack,
    };
    workerRef.current.postMessage(request);
  }, [topology, collapsed, tidyRequest, width, height]);
}
