/** A container: name, image, state, network mode; one row (and handle) per endpoint. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ContainerNode as ContainerNodeType } from '../../buildGraph';
import { endpointHandleY } from '../../layout/geometry';

const MODE_TEXT: Record<string, (mode: string) => string> = {
  bridge: () => 'default bridge',
  host: () => '--network host',
  none: () => '--network none',
  container: () => '--network container:…',
  network: (mode) => `--network ${mode}`,
};

export const ContainerNode = memo(function ContainerNode({ data, selected }: NodeProps<ContainerNodeType>) {
  const { container, endpoints, handWired, info, sides } = data;
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
          <span className="endpoint-ip mono">{endpoint.ipv4 ?? (container.networkModeKind === 'host' ? 'host’s addresses' : 'no address')}</span>
          {(['left', 'right'] as const).map((side) => (
            <Handle
              key={side}
              type="target"
              id={`ep-${endpoint.networkId}-${side}`}
              position={side === 'left' ? Position.Left : Position.Right}
              style={{ top: endpointHandleY(index), visibility: sides[endpoint.networkId] === side ? 'visible' : 'hidden' }}
              isConnectable={false}
            />
          ))}
        </div>
      ))}
      {handWired.map((link, index) => (
        <div className="endpoint-row hand-row" key={link.ifindex} data-testid={`hand-row-${container.name}-${link.peer?.ifname}`}>
          <span className="endpoint-network">{link.peer?.ifname} · wired by hand</span>
          <span className="endpoint-ip mono">{link.peer?.addresses.join(' ') || 'no address'}</span>
          {(['left', 'right'] as const).map((side) => (
            <Handle
              key={side}
              type="target"
              id={`hw-${link.ifindex}-${side}`}
              position={side === 'left' ? Position.Left : Position.Right}
              style={{ top: endpointHandleY(endpoints.length + index), visibility: sides[`hw-${link.ifindex}`] === side ? 'visible' : 'hidden' }}
              isConnectable={false}
            />
          ))}
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
