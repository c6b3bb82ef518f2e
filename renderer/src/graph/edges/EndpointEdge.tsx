/**
 * An endpoint: the wire from a network's trunk to a container's row, labelled
 * beside the container with interface, addresses and MAC. The label sits on
 * the row's own height, so labels of different rows never overlap.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { EndpointEdge as EndpointEdgeType } from '../buildGraph';
import { useDockwire } from '../../store/store';

export const EndpointEdge = memo(function EndpointEdge({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<EndpointEdgeType>) {
  if (!data) return null;
  const { container, endpoint, side, attached } = data;
  const path = `M ${sourceX},${sourceY} L ${sourceX},${targetY} L ${targetX},${targetY}`;
  const labelStyle =
    side === 'left'
      ? { transform: `translate(-100%, -50%) translate(${targetX - 12}px, ${targetY}px)` }
      : { transform: `translate(0, -50%) translate(${targetX + 12}px, ${targetY}px)` };
  const select = () => useDockwire.getState().select({ kind: 'endpoint', containerId: container.id, networkId: endpoint.networkId });
  return (
    <>
      <BaseEdge id={id} path={path} className={`endpoint-edge${attached ? '' : ' is-detached'}${selected ? ' is-selected' : ''}`} interactionWidth={14} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label nodrag nopan side-${side}${selected ? ' is-selected' : ''}`}
          style={labelStyle}
          onClick={select}
          data-testid={`edge-label-${container.name}-${endpoint.networkName}`}
          title={`${container.name} on ${endpoint.networkName}`}
        >
          <div className="edge-label-main">
            {container.networkModeKind === 'host' ? (
              <b>uses the host’s interfaces</b>
            ) : (
              <>
                <b>{endpoint.ifname ?? (attached ? 'eth?' : 'not running')}</b> {endpoint.ipv4 ?? ''}
              </>
            )}
          </div>
          {endpoint.ipv6 && <div>{endpoint.ipv6}</div>}
          {endpoint.mac && <div className="edge-label-mac">{endpoint.mac}</div>}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
