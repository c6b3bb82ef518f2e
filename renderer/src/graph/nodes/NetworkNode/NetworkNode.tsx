/**
 * A Docker network, drawn as a bus its containers hang under: name, driver, subnet, bridge, and whether it gives DNS
 * names; an overlay's VXLAN id and own namespace, and on ingress the ports swarm publishes. The line is cut at its end
 * on a narrow bus, so what tells the network apart comes first: the driver, whether it gives DNS names (short, and
 * what "A can't reach B by name" turns on), then the subnet and the long bridge line.
 */
import { CompareChip, compareSpoken } from '../CompareChip';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { NetworkNode as NetworkNodeType } from '../../buildGraph';
import { useDockwire } from '../../../store/store';
import { useLod } from '../../lod';

const ROLE_TITLE = { network: '', host: 'the host’s own network namespace', none: 'no network: isolated namespaces' };

export const NetworkNode = memo(function NetworkNode({ id, data, selected }: NodeProps<NetworkNodeType>) {
  const { network, attached, role, idle, compare, meshPorts = [] } = data;
  const hasTabStop = useDockwire((state) => state.focusId === id);
  // Only whether a drop here is allowed: the pointer's moves (which the hint follows) do not redraw the node.
  const drop = useDockwire((state) => (state.dropTarget?.nodeId === id ? (state.dropTarget.allowed ? 'ok' : 'no') : null));
  const lod = useLod();
  const bridge = network.bridge;
  const overlay = network.overlay;
  const overlayNs = overlay?.namespace;
  const subnet = network.subnets.map((s) => `${s.subnet}${s.gateway ? ` via ${s.gateway}` : ''}`).join(', ');
  return (
    <div
      className={`network-node role-${role} lod-${lod}${idle ? ' idle' : ''}${selected ? ' is-selected' : ''}${drop ? ` drop-${drop}` : ''}${compare ? ` compare-${compare.mark}` : ''}`}
      data-testid={`network-${network.name}`}
      title={`${network.name}: ${network.driver}${subnet ? `, ${subnet}` : ''}`}
      data-focus-id={id}
      tabIndex={hasTabStop ? 0 : -1}
      role="group"
      aria-label={`network ${network.name}, ${network.driver}${overlay ? `, VXLAN ${overlay.vni ?? 'unknown'}` : ''}${subnet ? `, ${subnet}` : ''}, ${attached} attached${compareSpoken(compare)}`}
    >
      <Handle type="source" id="bus" position={Position.Left} isConnectable={false} className="bus-handle" />
      <span className="network-name">{network.name}</span>
      <CompareChip note={compare} />
      {lod !== 'far' && (
        <span className="network-facts">
          <span className="badge driver">{network.driver}</span>
          {overlay && (
            <span className="badge overlay" title={overlay.peers.map((p) => `${p.name} ${p.ip}`).join('\n')}>
              VXLAN {overlay.vni ?? '?'} · spans {overlay.peers.length || '?'} host{overlay.peers.length === 1 ? '' : 's'}
            </span>
          )}
          {role === 'network' && (
            <span className={`badge ${network.dns ? 'ok' : 'warn'}`}>{network.dns ? 'DNS names' : 'no DNS names'}</span>
          )}
          {network.internal && <span className="badge warn">internal</span>}
          {meshPorts.length > 0 && (
            <span className="network-line mono" data-testid={`mesh-ports-${network.name}`}>
              mesh {meshPorts.join(', ')}
            </span>
          )}
          {ROLE_TITLE[role] && <span className="network-line">{ROLE_TITLE[role]}</span>}
          {subnet && <span className="network-line mono">{subnet}</span>}
          <span className="network-line mono" data-testid={`bridge-line-${network.name}`}>
            {bridge
              ? `bridge ${bridge.name}${bridge.state ? ` · ${bridge.state} · ${bridge.ports.length} port${bridge.ports.length === 1 ? '' : 's'}` : ''}`
              : network.parent
                ? `parent ${network.parent}`
                : overlayNs
                  ? `own netns: ${[overlayNs.bridge?.name, overlayNs.vxlan?.name].filter(Boolean).join(' + ')} · ${overlayNs.ports.length} port${overlayNs.ports.length === 1 ? '' : 's'}`
                  : ''}
          </span>
          {network.ipv6 && <span className="badge">IPv6</span>}
          {network.predefined && <span className="badge muted">default</span>}
          <span className="network-line muted">{attached} attached</span>
        </span>
      )}
    </div>
  );
});
