/**
 * Fits the view once, when the first nodes have been measured (fitting before
 * that frames only the measured few); after that the user owns the viewport.
 * This is the only first fit: React Flow's own `fitView` prop is not used, because
 * its fit carries no promise to keep, and when it finished while ours waited it
 * dropped ours (the view was fitted, yet never said so: seen at 500 containers).
 */
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useDockwire } from '../store/store';

export function FitOnFirstLayout({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || count === 0 || !initialized) return;
    done.current = true;
    void fitView({ padding: 0.1, maxZoom: 1 }).then(() => useDockwire.getState().firstFitFinished());
  }, [count, initialized, fitView]);
  return null;
}
