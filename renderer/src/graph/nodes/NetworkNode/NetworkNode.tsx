/** A Docker network: driver, subnets, gateway, Linux bridge, and whether it gives DNS names. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NetworkNode as NetworkNodeType } from '../../buildGraph';
import { TRUNK_OFFSET } from '../../layout/geometry';

const ROLE_TITLE = { network: '', host: 'host network namespace', none: 'no network (isolated namespaces)' };

export const NetworkNode = memo(function NetworkNode({ data, selected }: NodeProps<NetworkNodeType>) {
  const { network, attached, role, unmanaged } = data;
  const bridge = network.bridge;
  return (
    <div className={`network-node role-${role}${selected ? ' is-selected' : ''}`} data-testid={`network-${network.name}`}>
      <div className="network-title">
        <span className="network-name">{network.name}</span>
        <span className="badge driver">{network.driver}</span>
      </div>
      <div className="network-sub">
        {ROLE_TITLE[role] || `${network.scope} · ${attached} attached`}
        {unmanaged > 0 && ` · ${unmanaged} unmanaged link${unmanaged > 1 ? 's' : ''}`}
      </div>
      {network.subnets.length === 0 ? (
        <div className="network-line muted">no subnet</div>
      ) : (
        network.subnets.map((subnet) => (
          <div className="network-line mono" key={subnet.subnet}>
            {subnet.subnet}
            {subnet.gateway ? ` via ${subnet.gateway}` : ''}
          </div>
        ))
      )}
      <div className="network-line mono" data-testid={`bridge-line-${network.name}`}>
        {bridge
          ? `bridge ${bridge.name}${bridge.state ? ` · ${bridge.state} · ${bridge.ports.length} port${bridge.ports.length === 1 ? '' : 's'}` : ''}`
          : network.parent
            ? `parent ${network.parent}`
            : ' '}
      </div>
      <div className="network-badges">
        {role === 'network' && <span className={`badge ${network.dns ? 'ok' : 'warn'}`}>{network.dns ? 'DNS names' : 'no DNS names'}</span>}
        {network.internal && <span className="badge warn">internal</span>}
        {network.ipv6 && <span className="badge">IPv6</span>}
        {network.predefined && <span className="badge muted">default</span>}
      </div>
      <Handle type="source" id="trunk" position={Position.Bottom} style={{ left: TRUNK_OFFSET }} isConnectable={false} />
    </div>
  );
});
