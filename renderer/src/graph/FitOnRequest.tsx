/** Fits the view whenever something asks (the Fit button, the palette, Enter in the filter), through the store. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useDockwire } from '../store/store';

export function FitOnRequest() {
  const { fitView } = useReactFlow();
  const request = useDockwire((state) => state.fitRequest);
  const seen = useRef(request);
  useEffect(() => {
    if (request === seen.current) return;
    seen.current = request;
    void fitView({ padding: 0.1, maxZoom: 1, duration: 200 });
  }, [request, fitView]);
  return null;
}
