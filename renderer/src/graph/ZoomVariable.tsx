/**
 * The zoom, as one CSS variable on the graph (--inv-zoom: 1 / zoom), for the few marks that must keep their
 * size on screen however far out the view is (a card's drag cue). One style write per zoom change, instead of
 * every card redrawing as the zoom moves.
 */
import { useStore } from '@xyflow/react';
import { useEffect } from 'react';

export function ZoomVariable() {
  const zoom = useStore((state) => state.transform[2]);
  const root = useStore((state) => state.domNode);
  useEffect(() => {
    root?.style.setProperty('--inv-zoom', String(1 / (zoom || 1)));
  }, [root, zoom]);
  return null;
}
