/**
 * A wire from a network's bus to a container's row. It leaves the card's left
 * edge into a lane of its own (one per row, so the wires of one card never
 * share a line), runs straight to the bus and ends on it; to a bus in another
 * frame it turns along a level just off the bus. A bundle (to or from a
 * collapsed group) is one curve, labelled with how many wires it stands for.
 * Traffic thickens a wire and sets it flowing; a quiet wire stays still.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, Position, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { BUS_HEIGHT, LANE_STEP } from '../../layout/geometry';
import { useDockwire } from '../../store/store';
import type { WireEdge as WireEdgeType } from '../buildGraph';
import { trafficLevel } from '../../../../common/traffic';
import { useTraffic } from '../../store/trafficStore';

/** The orthogonal path from a card's row (target) to a bus (source: its left end, half-way down). */
export function wirePath(bus: { x: number; y: number; width: number }, row: { x: number; y: number }, lane: number): string {
  const laneX = row.x - 12 - lane * LANE_STEP;
  const [top, bottom] = [bus.y - BUS_HEIGHT / 2, bus.y + BUS_HEIGHT / 2];
  const endY = row.y > bottom ? bottom : row.y < top ? top : bus.y;
  const onBus = Math.min(Math.max(laneX, bus.x + 8), bus.x + bus.width - 8);
  if (onBus === laneX) return `M ${row.x},${row.y} H ${laneX} V ${endY}`;
  // The bus is elsewhere (another frame): run to a level just off it, along, then onto it.
  const level = endY + (row.y > bus.y ? 14 + lane * 4 : -14 - lane * 4);
  return `M ${row.x},${row.y} H ${laneX} V ${level} H ${onBus} V ${endY}`;
}

/** A curve from a card's row to the nearer end of a bus in another frame: it reads as a link between places, not as another bus. */
export function crossFramePath(bus: { x: number; y: number; width: number }, row: { x: number; y: number }): string {
  const end = Math.abs(row.x - bus.x) <= Math.abs(row.x - (bus.x + bus.width)) ? bus.x : bus.x + bus.width;
  const [path] = getBezierPath({
    sourceX: end,
    sourceY: bus.y,
    sourcePosition: end === bus.x ? Position.Left : Position.Right,
    targetX: row.x,
    targetY: row.y,
    targetPosition: Position.Left,
  });
  return path;
}

/**
 * From the underside of one tile to the underside of another along the same row: a U through the gap below the
 * row, deeper the further apart they are (a bezier between two bottoms at one height would run flat along them).
 */
function underRowPath(from: { x: number; y: number }, to: { x: number; y: number }): [string, number, number] {
  const depth = Math.min(120, Math.max(40, Math.abs(to.x - from.x) * 0.2));
  const bottom = Math.max(from.y, to.y) + depth;
  // A cubic's middle is three quarters of the way to its control points.
  const labelY = (from.y + to.y) / 8 + (bottom * 3) / 4;
  return [`M ${from.x},${from.y} C ${from.x},${bottom} ${to.x},${bottom} ${to.x},${to.y}`, (from.x + to.x) / 2, labelY];
}

export const WireEdge = memo(function WireEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  sourceHandleId,
  targetHandleId,
  data,
  selected,
}: EdgeProps<WireEdgeType>) {
  // Hooks before any early return: the wire's traffic now (its id is its key in the traffic store).
  const level = useTraffic((state) => trafficLevel(state.rates[id]));
  if (!data) return null;
  const { look, lane, busWidth, bundled, crossFrame, emphasis, selection, path: onPath, compare } = data;
  const className = [
    `wire-edge look-${look}`,
    selected && 'is-selected',
    onPath && `path-${onPath}`,
    bundled && 'bundled',
    crossFrame && 'cross-frame',
    emphasis && `emphasis-${emphasis}`,
    compare && `compare-${compare}`,
    level > 0 && `traffic-${level}`,
  ]
    .filter(Boolean)
    .join(' ');
  if (bundled) {
    // Tile to tile, it curves out of and into the sides its handles are on (side to side, or under their row);
    // to a bus or a row it drops from above, as it always has.
    const tiles = sourceHandleId?.startsWith('tile-') && targetHandleId?.startsWith('tile-');
    const [path, labelX, labelY] =
      tiles && sourcePosition === Position.Bottom && targetPosition === Position.Bottom
        ? underRowPath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY })
        : getBezierPath({ sourceX, sourceY, targetX, targetY, ...(tiles ? { sourcePosition, targetPosition } : {}) });
    return (
      <>
        <BaseEdge id={id} path={path} className={className} interactionWidth={14} />
        {bundled > 1 && (
          <EdgeLabelRenderer>
            <div className="bundle-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
              {bundled} wires
            </div>
          </EdgeLabelRenderer>
        )}
      </>
    );
  }
  const path = crossFrame
    ? crossFramePath({ x: sourceX, y: sourceY, width: busWidth }, { x: targetX, y: targetY })
    : wirePath({ x: sourceX, y: sourceY, width: busWidth }, { x: targetX, y: targetY }, lane);
  return (
    <BaseEdge
      id={id}
      path={path}
      className={className}
      interactionWidth={12}
      // The row's own click selects it too; this is for a click on the wire itself.
      onClick={() => useDockwire.getState().select(selection)}
    />
  );
});
