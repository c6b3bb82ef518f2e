/** Fits the view whenever something asks (the Fit button, the palette, Enter in the filter), through the store: all, or what was named. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useDockwire } from '../store/store';

export function FitOnRequest() {
  const { fitView } = useReactFlow();
  const request = useDockwire((state) => state.fitRequest);
  const seen = useRef(request.count);
  useEffect(() => {
    if (request.count === seen.current) return;
    seen.current = request.count;
    const nodes = request.nodeIds.length ? request.nodeIds.map((id) => ({ id })) : undefined;
    void fitView({ padding: 0.1, maxZoom: 1, duration: 200, ...(nodes ? { nodes } : {}) });
  }, [request, fitView]);
  return null;
}
