/**
 * Dragging a container onto a network connects it (Shift: wires it by hand),
 * as ../actions/drop.ts decides; the container goes back where it was.
 *
 * @example
 * const { onNodeDragStart, onNodeDragStop } = useDropToConnect();
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { dropEffect } from '../actions/drop';
import { carryOut } from '../actions/effects';
import { useDockwire } from '../store/store';
import type { GraphNode } from './buildGraph';

export function useDropToConnect() {
  const { getIntersectingNodes } = useReactFlow();
  const dragStart = useRef<{ id: string; position: { x: number; y: number } } | null>(null);
  const onNodeDragStart = useCallback((_: unknown, node: GraphNode) => {
    dragStart.current = { id: node.id, position: node.position };
  }, []);
  const onNodeDragStop = useCallback(
    (event: globalThis.MouseEvent | globalThis.TouchEvent, node: GraphNode) => {
      const start = dragStart.current;
      dragStart.current = null;
      if (node.type !== 'container' || !start || start.id !== node.id) return;
      const target = getIntersectingNodes(node).find((other) => other.type === 'network') as GraphNode | undefined;
      if (!target || target.type !== 'network') return;
      useDockwire.getState().moveNode(node.id, start.position);
      carryOut(dropEffect(node.data.container, target.data.network, event.shiftKey));
    },
    [getIntersectingNodes],
  );
  return { onNodeDragStart, onNodeDragStop };
}
