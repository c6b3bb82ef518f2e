/**
 * The inspector's rows for swarm's parts of a network: an overlay's VXLAN id, the hosts it spans and its own
 * namespace's devices (bridge, vxlan device, the veth of each endpoint); Docker's sandboxes on it; and on the
 * ingress network, the service ports published through the routing mesh.
 */
import type { ReactNode } from 'react';
import { describeOverlay } from '../../../common/overlay';
import type { NetworkInfo, Topology } from '../../../common/topology';

export function overlayRows(network: NetworkInfo, topology: Topology): Array<[string, ReactNode]> {
  const rows: Array<[string, ReactNode]> = [];
  const overlay = network.overlay;
  if (overlay) {
    rows.push(['Overlay', describeOverlay(overlay)]);
    const namespace = overlay.namespace;
    const nameOf = (id: string | null) => (id ? (topology.containers.find((c) => c.id === id)?.name ?? id.slice(0, 12)) : null);
    rows.push([
      'Overlay namespace',
      namespace ? (
        <ul className="kv mono" data-testid="overlay-devices">
          {namespace.bridge && (
            <li>
              bridge {namespace.bridge.name} · {namespace.bridge.state} · ifindex {namespace.bridge.ifindex} · MTU {namespace.bridge.mtu}
              {namespace.bridge.addresses.length ? ` · ${namespace.bridge.addresses.join(' ')}` : ''}
            </li>
          )}
          {namespace.vxlan && (
            <li>
              vxlan {namespace.vxlan.name} · VNI {namespace.vxlan.vni ?? '?'} · ifindex {namespace.vxlan.ifindex} · MTU{' '}
              {namespace.vxlan.mtu}
            </li>
          )}
          {namespace.ports.map((port) => (
            <li key={port.ifindex}>
              {port.name} ↔ {port.containerId ? `${nameOf(port.containerId)} ${port.ifname ?? ''}` : 'one of Docker’s sandboxes'}
            </li>
          ))}
        </ul>
      ) : (
        'not read: it is read through a running container on this network, with the kernel view on'
      ),
    ]);
  }
  if (network.sandboxEndpoints.length) {
    rows.push([
      'Docker’s sandboxes',
      <ul className="kv mono">
        {network.sandboxEndpoints.map((sandbox) => (
          <li key={sandbox.sandbox}>
            {sandbox.sandbox} ({sandbox.name}) {sandbox.ipv4 ?? ''}
          </li>
        ))}
      </ul>,
    ]);
  }
  const mesh = network.driver === 'overlay' && network.name === 'ingress';
  const published = topology.services.flatMap((s) =>
    s.ports.filter((p) => p.publishMode === 'ingress').map((p) => ({ service: s, port: p })),
  );
  if (mesh) {
    rows.push([
      'Routing mesh',
      published.length
        ? published.map(({ service, port }) => `${service.name} :${port.publishedPort}→${port.targetPort}/${port.protocol}`).join(', ')
        : 'no service publishes a port',
    ]);
  }
  return rows;
}
