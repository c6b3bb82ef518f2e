/**
 * When the pane's height changes (the capture panel docked under it opens or
 * closes, the window is resized), what was in the middle of the view stays in
 * the middle: without this the picture stays pinned to the top edge and a panel
 * opening under it leaves it hugging the panel's edge.
 */
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';

export function KeepMiddleOnResize() {
  const height = useStore((state) => state.height);
  const { getViewport, setViewport } = useReactFlow();
  const last = useRef(height);
  useEffect(() => {
    const previous = last.current;
    last.current = height;
    // Zero is the pane before it was first measured: the first fit places the picture then.
    if (!previous || !height || previous === height) return;
    const { x, y, zoom } = getViewport();
    void setViewport({ x, y: y + (height - previous) / 2, zoom });
  }, [height, getViewport, setViewport]);
  return null;
}
