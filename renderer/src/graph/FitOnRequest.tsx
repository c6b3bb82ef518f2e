/**
 * Fits the view whenever something asks (the Fit button, the palette, Enter in the filter), through the store:
 * all, or what was named; or only if part of what was named is off screen (a change's result brought into view).
 */
import { useNodesInitialized, useReactFlow, useStoreApi, type InternalNode, type Viewport } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useDockwire } from '../store/store';

/** Whether a node is wholly inside the pane as it is drawn now. */
function onScreen(node: InternalNode | undefined, viewport: Viewport): boolean {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!node || !pane) return false;
  const { x, y, zoom } = viewport;
  const left = node.internals.positionAbsolute.x * zoom + x;
  const top = node.internals.positionAbsolute.y * zoom + y;
  const right = left + (node.measured.width ?? 0) * zoom;
  const bottom = top + (node.measured.height ?? 0) * zoom;
  return left >= 0 && top >= 0 && right <= pane.width && bottom <= pane.height;
}

export function FitOnRequest() {
  const { fitView, getInternalNode, getViewport } = useReactFlow();
  const store = useStoreApi();
  const request = useDockwire((state) => state.fitRequest);
  // A request often comes with a new set of nodes (a filter's result, the whole picture back): fit once they are drawn and
  // measured, or the view frames what was there before. This effect runs again as the nodes become measured.
  const initialized = useNodesInitialized();
  const seen = useRef(request.count);
  useEffect(() => {
    if (request.count === seen.current) return;
    const fit = () => {
      const { nodesInitialized, nodeLookup } = store.getState();
      if (!nodesInitialized || nodeLookup.size === 0) return;
      seen.current = request.count;
      // What sits in a collapsed group is drawn as the group's tile: frame that (a connect to a tile reveals the tile).
      const { parents } = useDockwire.getState().placement;
      const drawn = [...new Set(request.nodeIds.map((id) => (nodeLookup.has(id) ? id : (parents[id] ?? id))))];
      const nodes = drawn.length ? drawn.map((id) => ({ id })) : undefined;
      const finished = () => useDockwire.getState().fitFinished(request.count);
      if (request.onlyIfOffScreen && drawn.every((id) => onScreen(getInternalNode(id), getViewport()))) return finished();
      // The promise settles when the animation has ended: from then on the view stands still (the e2e tests wait for it).
      void fitView({ padding: 0.1, maxZoom: 1, duration: 200, ...(nodes ? { nodes } : {}) }).then(finished, finished);
    };
    // Two frames: a request that came with a change of the pane's size (a panel docked under it) is fitted to the
    // new size, which the flow learns from its resize observer, after the first frame's layout.
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(fit)));
    return () => cancelAnimationFrame(frame);
  }, [request, initialized, store, fitView, getInternalNode, getViewport]);
  return null;
}
