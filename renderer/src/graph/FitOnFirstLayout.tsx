/**
 * Fits the view once, when the first nodes have been measured (fitting before
 * that frames only the measured few); after that the user owns the viewport.
 */
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useState } from 'react';

export function FitOnFirstLayout({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done || count === 0 || !initialized) return;
    setDone(true);
    void fitView({ padding: 0.1, maxZoom: 1 });
  }, [count, done, initialized, fitView]);
  return null;
}
