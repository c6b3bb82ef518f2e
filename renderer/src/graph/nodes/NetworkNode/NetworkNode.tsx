/** A Docker network, drawn as a bus its containers hang under: name, driver, subnet, bridge, and whether it gives DNS names. */
import { CompareChip, compareSpoken } from '../CompareChip';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NetworkNode as NetworkNodeType } from '../../buildGraph';
import { useDockwire } from '../../../store/store';
import { useLod } from '../../lod';

const ROLE_TITLE = { network: '', host: 'the host’s own network namespace', none: 'no network: isolated namespaces' };

export const NetworkNode = memo(function NetworkNode({ id, data, selected }: NodeProps<NetworkNodeType>) {
  const { network, attached, role, idle, compare } = data;
  const hasTabStop = useDockwire((state) => state.focusId === id);
  // Only whether a drop here is allowed: the pointer's moves (which the hint follows) do not redraw the node.
  const drop = useDockwire((state) => (state.dropTarget?.nodeId === id ? (state.dropTarget.allowed ? 'ok' : 'no') : null));
  const lod = useLod();
  const bridge = network.bridge;
  const subnet = network.subnets.map((s) => `${s.subnet}${s.gateway ? ` via ${s.gateway}` : ''}`).join(', ');
  return (
    <div
      className={`network-node role-${role} lod-${lod}${idle ? ' idle' : ''}${selected ? ' is-selected' : ''}${drop ? ` drop-${drop}` : ''}${compare ? ` compare-${compare.mark}` : ''}`}
      data-testid={`network-${network.name}`}
      title={`${network.name}: ${network.driver}${subnet ? `, ${subnet}` : ''}`}
      data-focus-id={id}
      tabIndex={hasTabStop ? 0 : -1}
      role="group"
      aria-label={`network ${network.name}, ${network.driver}${subnet ? `, ${subnet}` : ''}, ${attached} attached${compareSpoken(compare)}`}
    >
      <Handle type="source" id="bus" position={Position.Left} isConnectable={false} className="bus-handle" />
      <span className="network-name">{network.name}</span>
      <CompareChip note={compare} />
      {lod !== 'far' && (
        <span className="network-facts">
          <span className="badge driver">{network.driver}</span>
          {ROLE_TITLE[role] && <span className="network-line">{ROLE_TITLE[role]}</span>}
          {subnet && <span className="network-line mono">{subnet}</span>}
          <span className="network-line mono" data-testid={`bridge-line-${network.name}`}>
            {bridge
              ? `bridge ${bridge.name}${bridge.state ? ` · ${bridge.state} · ${bridge.ports.length} port${bridge.ports.length === 1 ? '' : 's'}` : ''}`
              : network.parent
                ? `parent ${network.parent}`
                : ''}
          </span>
          {role === 'network' && (
            <span className={`badge ${network.dns ? 'ok' : 'warn'}`}>{network.dns ? 'DNS names' : 'no DNS names'}</span>
          )}
          {network.internal && <span className="badge warn">internal</span>}
          {network.ipv6 && <span className="badge">IPv6</span>}
          {network.predefined && <span className="badge muted">default</span>}
          <span className="network-line muted">{attached} attached</span>
        </span>
      )}
    </div>
  );
});
