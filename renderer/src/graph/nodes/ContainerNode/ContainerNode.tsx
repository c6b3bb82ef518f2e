/** A container: name, image, state, network mode; one row (and handle) per endpoint. */
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect } from 'react';
import type { ContainerNode as ContainerNodeType, Side } from '../../buildGraph';
import { endpointHandleY } from '../../layout/geometry';

const MODE_TEXT: Record<string, (mode: string) => string> = {
  bridge: () => 'default bridge',
  host: () => '--network host',
  none: () => '--network none',
  container: () => '--network container:…',
  network: (mode) => `--network ${mode}`,
};

export const ContainerNode = memo(function ContainerNode({ id, data, selected }: NodeProps<ContainerNodeType>) {
  const { container, endpoints, handWired, info, sides } = data;
  // A row (and its handles) added live, e.g. by `docker network connect`: React
  // Flow must re-read the handles before it can draw the new wire to them.
  const updateNodeInternals = useUpdateNodeInternals();
  const handleKey = Object.entries(sides)
    .map(([key, side]) => `${key}:${side}`)
    .join(',');
  useEffect(() => updateNodeInternals(id), [id, handleKey, updateNodeInternals]);
  return (
    <div className={`container-node state-${container.state}${selected ? ' is-selected' : ''}`} data-testid={`container-${container.name}`}>
      <Handle type="target" id="netns-in" position={Position.Right} style={{ top: 16 }} isConnectable={false} className="netns-handle" />
      <div className="container-title">
        <span className={`state-dot state-${container.state}`} title={container.status} />
        <span className="container-name">{container.name}</span>
        <span className="container-state">{container.state}</span>
      </div>
      <div className="container-sub" title={container.image}>
        {container.image} · {MODE_TEXT[container.networkModeKind]?.(container.networkMode)}
      </div>
      {endpoints.map((endpoint, index) => (
        <div className="endpoint-row" key={endpoint.networkId} data-testid={`endpoint-row-${container.name}-${endpoint.networkName}`}>
          <span className="endpoint-network">{endpoint.networkName}</span>
          <span className="endpoint-ip mono">
            {endpoint.ipv4 ?? (container.networkModeKind === 'host' ? 'host’s addresses' : 'no address')}
          </span>
          <RowHandles handleKey={endpoint.networkId} rowIndex={index} side={sides[endpoint.networkId]} />
        </div>
      ))}
      {handWired.map((link, index) => (
        <div className="endpoint-row hand-row" key={link.ifindex} data-testid={`hand-row-${container.name}-${link.peer?.ifname}`}>
          <span className="endpoint-network">{link.peer?.ifname} · wired by hand</span>
          <span className="endpoint-ip mono">{link.peer?.addresses.join(' ') || 'no address'}</span>
          <RowHandles handleKey={`hw-${link.ifindex}`} rowIndex={endpoints.length + index} side={sides[`hw-${link.ifindex}`]} />
        </div>
      ))}
      {info.map((line) => (
        <div className="info-row" key={line}>
          {line}
        </div>
      ))}
      <Handle type="source" id="netns-out" position={Position.Right} style={{ top: 16 }} isConnectable={false} className="netns-handle" />
    </div>
  );
});

/**
 * A wire can enter a row from either side (whichever faces its network); both
 * handles exist so React Flow can route to either, only the used one shows.
 * Endpoint handles are keyed by network id (`ep-<id>-left`), hand-made ones by `hw-<ifindex>`.
 */
function RowHandles({ handleKey, rowIndex, side }: { handleKey: string; rowIndex: number; side: Side | undefined }) {
  const prefix = handleKey.startsWith('hw-') ? handleKey : `ep-${handleKey}`;
  return (['left', 'right'] as const).map((candidate) => (
    <Handle
      key={candidate}
      type="target"
      id={`${prefix}-${candidate}`}
      position={candidate === 'left' ? Position.Left : Position.Right}
      style={{ top: endpointHandleY(rowIndex), visibility: side === candidate ? 'visible' : 'hidden' }}
      isConnectable={false}
    />
  ));
}
