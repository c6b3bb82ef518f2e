/**
 * The minimap, only while part of the graph is off screen: when everything is
 * in view it adds nothing and covers the cards in its corner. Shown, it is
 * faint until the pointer is on it, so the cards under its corner still read.
 */
import { MiniMap, useReactFlow, useStore } from '@xyflow/react';
import { useMemo } from 'react';

export function MiniMapWhenNeeded() {
  const { getNodesBounds } = useReactFlow();
  // The drawn nodes' extent changes with the nodes only; the viewport changes on every pan, and is compared against it.
  const nodes = useStore((state) => state.nodes);
  const bounds = useMemo(() => {
    const outer = nodes.filter((node) => !node.parentId);
    return outer.length ? getNodesBounds(outer) : null;
  }, [nodes, getNodesBounds]);
  const allInView = useStore((state) => {
    if (!bounds) return true;
    const [x, y, zoom] = state.transform;
    const left = bounds.x * zoom + x;
    const top = bounds.y * zoom + y;
    return left >= -1 && top >= -1 && left + bounds.width * zoom <= state.width + 1 && top + bounds.height * zoom <= state.height + 1;
  });
  if (allInView) return null;
  return <MiniMap className="minimap-faint" pannable zoomable nodeStrokeWidth={3} style={{ width: 160, height: 110 }} />;
}
