/**
 * A wire from a network's trunk to a container's row, labelled beside the
 * container (veth pair, address, MAC). The label sits on the row's own height,
 * so labels of different rows never overlap.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { WireEdge as WireEdgeType } from '../buildGraph';
import { useDockwire } from '../../store/store';

export const WireEdge = memo(function WireEdge({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<WireEdgeType>) {
  if (!data) return null;
  const { side, look, lines, selection, containerName, networkName, path: onPath } = data;
  const path = `M ${sourceX},${sourceY} L ${sourceX},${targetY} L ${targetX},${targetY}`;
  const labelStyle =
    side === 'left'
      ? { transform: `translate(-100%, -50%) translate(${targetX - 12}px, ${targetY}px)` }
      : { transform: `translate(0, -50%) translate(${targetX + 12}px, ${targetY}px)` };
  const [first, ...rest] = lines;
  const testId = look === 'hand' ? `hand-label-${containerName}-${networkName}` : `edge-label-${containerName}-${networkName}`;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`wire-edge look-${look}${selected ? ' is-selected' : ''}${onPath ? ` path-${onPath}` : ''}`}
        interactionWidth={14}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan side-${side} look-${look}${selected ? ' is-selected' : ''}${onPath ? ` path-${onPath}` : ''}`}
          style={labelStyle}
          onClick={() => useDockwire.getState().select(selection)}
          data-testid={testId}
          title={`${containerName} on ${networkName}`}
        >
          <div className="edge-label-main">{first}</div>
          {rest.map((line) => (
            <div key={line} className="edge-label-line">
              {line}
            </div>
          ))}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
