/**
 * Dragging a container onto a network connects it (Shift: wires it by hand):
 * the drop runs the registry's container.dropOn action, which ../actions/drop.ts
 * decides by the rules of common/rules.ts. While dragging, the network it would land on
 * is highlighted, green when allowed, red with the reason when not (./dropTarget.ts
 * says where: the bus, the space under it, a collapsed group's tile). On an
 * allowed drop the container goes back where it was and the dialog opens; a drop
 * that is not allowed opens nothing (right on a bus it says why; elsewhere the
 * card simply moves).
 *
 * @example
 * const { onNodeDragStart, onNodeDrag, onNodeDragStop } = useDropToConnect();
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useRef } from 'react';
import { dropVerdict } from '../actions/drop';
import { dropReadOnly } from '../actions/readOnly';
import { act } from '../actions/registry';
import type { DropTarget } from '../store/slices';
import { useDockwire } from '../store/store';
import type { GraphNode } from './buildGraph';
import { dropPlaceAt, type DropPlace, type DropScene } from './dropTarget';
import { isNetworkNode, networkIdOfNode } from '../layout/ids';

type DragEvent = globalThis.MouseEvent | globalThis.TouchEvent;

const pointOf = (event: DragEvent) => ('touches' in event ? (event.changedTouches[0] ?? event.touches[0]) : event) ?? null;

export function useDropToConnect() {
  const { getNodes, getInternalNode, screenToFlowPosition } = useReactFlow<GraphNode>();
  const dragStart = useRef<{ id: string; position: { x: number; y: number } } | null>(null);
  const place = useRef<DropPlace | null>(null);

  /** Where every bus and frame is drawn now (absolute), for ./dropTarget.ts. */
  const scene = useCallback((): DropScene => {
    const { placement } = useDockwire.getState();
    const result: DropScene = { buses: [], frames: [] };
    for (const node of getNodes()) {
      const internal = getInternalNode(node.id);
      if (!internal || (node.type !== 'network' && node.type !== 'frame')) continue;
      const rect = {
        ...internal.internals.positionAbsolute,
        width: internal.measured.width ?? node.width ?? 0,
        height: internal.measured.height ?? node.height ?? 0,
      };
      if (node.type === 'network') result.buses.push({ ...rect, networkId: node.data.network.id, frameId: node.parentId ?? null });
      else {
        const networkIds = Object.entries(placement.parents)
          .filter(([id, parent]) => parent === node.id && isNetworkNode(id))
          .sort(([a], [b]) => (placement.positions[a]?.y ?? 0) - (placement.positions[b]?.y ?? 0))
          .map(([id]) => networkIdOfNode(id));
        result.frames.push({ ...rect, frameId: node.id, collapsed: node.data.collapsed, networkIds });
      }
    }
    return result;
  }, [getNodes, getInternalNode]);

  const onNodeDragStart = useCallback((_: unknown, node: GraphNode) => {
    dragStart.current = { id: node.id, position: node.position };
  }, []);

  const onNodeDrag = useCallback(
    (event: DragEvent, node: GraphNode) => {
      if (node.type !== 'container') return;
      const pointer = pointOf(event);
      const state = useDockwire.getState();
      const at = pointer ? dropPlaceAt(screenToFlowPosition({ x: pointer.clientX, y: pointer.clientY }), scene()) : null;
      place.current = at;
      const network = at && state.topology?.networks.find((n) => n.id === at.networkId);
      let target: DropTarget | null = null;
      if (at && network) {
        const verdict = dropVerdict(node.data.container, network, event.shiftKey, dropReadOnly(state, node.data.container, network));
        target = {
          nodeId: at.nodeId,
          networkId: at.networkId,
          allowed: verdict.allowed,
          reason: verdict.allowed ? null : verdict.reason,
          pointer: { x: pointer!.clientX, y: pointer!.clientY },
        };
      }
      if (JSON.stringify(target) !== JSON.stringify(state.dropTarget)) state.setDropTarget(target);
    },
    [scene, screenToFlowPosition],
  );

  const onNodeDragStop = useCallback((event: DragEvent, node: GraphNode) => {
    const start = dragStart.current;
    const at = place.current;
    dragStart.current = null;
    place.current = null;
    const state = useDockwire.getState();
    state.setDropTarget(null);
    if (node.type !== 'container' || !start || start.id !== node.id || !at) return;
    const network = state.topology?.networks.find((n) => n.id === at.networkId);
    if (!network) return;
    const verdict = dropVerdict(node.data.container, network, event.shiftKey, dropReadOnly(state, node.data.container, network));
    // Not allowed, and not right on a bus: just a card moved within its group.
    if (!verdict.allowed && !at.direct) return;
    state.moveNode(node.id, start.position);
    void act('container.dropOn', { networkId: network.id, byHand: event.shiftKey }, { kind: 'container', id: node.data.container.id });
  }, []);

  return { onNodeDragStart, onNodeDrag, onNodeDragStop };
}
