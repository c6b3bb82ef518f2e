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
import { EMPTY_PLACEMENT, type Placement } from '../layout/placeNodes';
import { notify } from '../store/notify';
import { useDockwire } from '../store/store';
import { filteredTopology, termsOf, visibleIds } from '../layout/filter';
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
  const filterRequestRef = useRef(0);
  // The request a Tidy made: its answer says how much moved.
  const tidyRequestRef = useRef(0);
  const query = useDockwire((state) => state.query);
  const seen = useRef({ tidy: tidyRequest, collapsed });

  useEffect(() => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<LayoutResponse>) => {
      const state = useDockwire.getState();
      state.layoutAnswered();
      if (message.data.purpose === 'filtered') {
        if (message.data.requestId !== filterRequestRef.current) return;
        const fresh = state.filtered?.query !== message.data.query;
        state.setFiltered({ query: message.data.query, placement: message.data.placement });
        // A new result is a new picture: frame it (live changes to the same result leave the view alone).
        if (fresh) state.requestFit();
        return;
      }
      if (message.data.requestId !== requestRef.current) return;
      if (message.data.requestId === tidyRequestRef.current) sayWhatTidyMoved(state.placement, message.data.placement);
      state.setPlacement(message.data.placement);
      if (state.collapsed === null) {
        seen.current.collapsed = message.data.collapsed;
        state.setCollapsed(message.data.collapsed);
      }
    };
    workerRef.current = worker;
    return () => {
      worker.terminate();
      // What it was asked will never be answered.
      useDockwire.getState().layoutsForgotten();
    };
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
      purpose: 'whole',
      query: '',
      topology,
      placement: tidy ? { positions: {}, parents: {}, frames: {} } : state.placement,
      collapsed: decided,
      canvas: { width, height },
      tidy,
      repack,
    };
    state.layoutAsked();
    if (tidy) tidyRequestRef.current = request.requestId;
    postInATaskOfItsOwn(workerRef.current, request);
  }, [topology, collapsed, tidyRequest, width, height]);

  // Filtering: what is left is laid out on its own, so the result reads compactly with no gaps. The
  // same query keeps its layout across live changes (only what is new is placed).
  useEffect(() => {
    const state = useDockwire.getState();
    if (!termsOf(query).length) {
      if (state.filtered) {
        // Back to the whole picture, whose places differ from the filtered one's: frame it.
        state.setFiltered(null);
        state.requestFit();
      }
      return;
    }
    if (!topology || !workerRef.current || width === 0 || height === 0) return;
    const request: LayoutRequest = {
      requestId: ++filterRequestRef.current,
      purpose: 'filtered',
      query,
      topology: filteredTopology(topology, visibleIds(topology, query)),
      placement: state.filtered?.query === query ? state.filtered.placement : EMPTY_PLACEMENT,
      collapsed: [],
      canvas: { width, height },
      tidy: false,
      repack: false,
    };
    state.layoutAsked();
    postInATaskOfItsOwn(workerRef.current, request);
  }, [topology, query, width, height]);
}

/**
 * Posts a request to the layout worker from a task of its own: the request is copied for the worker (a
 * whole Topology: 25-45 ms at 1000 containers), and in the task that drew the Topology that copy made the
 * page's longest task longer still.
 */
function postInATaskOfItsOwn(worker: Worker, request: LayoutRequest): void {
  setTimeout(() => worker.postMessage(request), 0);
}

/** Tidy answers in words: what it moved, or that everything was already where a fresh layout puts it. */
function sayWhatTidyMoved(before: Placement, after: Placement): void {
  const moved = Object.entries(after.positions).filter(([id, at]) => {
    const was = before.positions[id];
    return !was || Math.abs(was.x - at.x) > 1 || Math.abs(was.y - at.y) > 1;
  }).length;
  notify(moved ? `Laid out again: ${moved} item${moved === 1 ? '' : 's'} moved.` : 'Already tidy: nothing needed to move.');
}
