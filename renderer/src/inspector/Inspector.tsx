/** The side panel: every fact about the selected container, network or endpoint. */
import { formatPort } from '../../../common/format';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology } from '../../../common/topology';
import { useSelection, useTopology, useDockwire } from '../store/store';
import { Fields, list, record } from './Fields';
import { RawJson } from './RawJson';

export function Inspector() {
  const topology = useTopology();
  const selection = useSelection();
  if (!topology || !selection) {
    return (
      <aside className="inspector" data-testid="inspector">
        <p className="muted">Click a network, a container or a wire to see its details.</p>
      </aside>
    );
  }
  const close = () => useDockwire.getState().select(null);
  let body = <p className="muted">It is gone from the engine.</p>;
  if (selection.kind === 'network') {
    const network = topology.networks.find((n) => n.id === selection.id);
    if (network) body = <NetworkDetails network={network} topology={topology} />;
  } else if (selection.kind === 'container') {
    const container = topology.containers.find((c) => c.id === selection.id);
    if (container) body = <ContainerDetails container={container} topology={topology} />;
  } else {
    const container = topology.containers.find((c) => c.id === selection.containerId);
    const endpoint = container?.endpoints.find((e) => e.networkId === selection.networkId);
    const network = topology.networks.find((n) => n.id === selection.networkId);
    if (container && endpoint) body = <EndpointDetails container={container} endpoint={endpoint} network={network} />;
  }
  return (
    <aside className="inspector" data-testid="inspector">
      <button type="button" className="close" onClick={close} aria-label="Close the inspector">
        ×
      </button>
      {body}
    </aside>
  );
}

function NetworkDetails({ network, topology }: { network: NetworkInfo; topology: Topology }) {
  const attached = topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
  return (
    <>
      <h2>
        Network <span className="mono">{network.name}</span>
      </h2>
      <Fields
        rows={[
          ['ID', <span className="mono wrap">{network.id}</span>],
          ['Driver', network.driver],
          ['Scope', network.scope],
          ['Subnets', list(network.subnets.map((s) => s.subnet + (s.ipRange ? ` (range ${s.ipRange})` : '')))],
          ['Gateway', list(network.subnets.map((s) => s.gateway ?? '').filter(Boolean))],
          ['Linux bridge', network.bridge?.name],
          ['Parent interface', network.parent],
          ['DNS names', network.dns ? 'yes: containers resolve each other by name and alias' : dnsMissingReason(network)],
          ['Internal', network.internal ? 'yes: no route out of the host' : 'no'],
          ['Attachable', network.attachable ? 'yes' : 'no'],
          ['IPv6', network.ipv6 ? 'enabled' : 'disabled'],
          ['Containers', list(attached.map((c) => c.name))],
          ['Options', record(network.options)],
          ['Labels', record(network.labels)],
          ['Created', network.createdAt],
        ]}
      />
      <RawJson kind="network" id={network.id} />
    </>
  );
}

function dnsMissingReason(network: NetworkInfo): string {
  if (network.driver === 'host' || network.driver === 'null') return 'no';
  return 'no: the default bridge gives no DNS names; use a user-defined network, or the IP';
}

function ContainerDetails({ container, topology }: { container: ContainerInfo; topology: Topology }) {
  const owner = container.netnsOwner ? topology.containers.find((c) => c.id === container.netnsOwner) : undefined;
  return (
    <>
      <h2>
        Container <span className="mono">{container.name}</span>
      </h2>
      <Fields
        rows={[
          ['ID', <span className="mono wrap">{container.id}</span>],
          ['Image', container.image],
          ['State', container.status],
          ['Network mode', container.networkModeKind === 'container' ? `container:${owner?.name ?? container.netnsOwner}` : container.networkMode],
          ['PID', container.pid],
          [
            'Interfaces',
            container.endpoints.length ? (
              <ul className="kv">
                {container.endpoints.map((e) => (
                  <li key={e.networkId} className="mono">
                    {e.ifname ?? 'eth?'} {e.networkName} {e.ipv4 ?? ''} {e.mac ?? ''}
                  </li>
                ))}
              </ul>
            ) : container.networkModeKind === 'none' ? (
              'only lo (--network none)'
            ) : null,
          ],
          ['Published ports', list(container.ports.map((port) => formatPort(port)))],
          ['Labels', record(container.labels)],
        ]}
      />
      <RawJson kind="container" id={container.id} />
    </>
  );
}

function EndpointDetails({ container, endpoint, network }: { container: ContainerInfo; endpoint: EndpointInfo; network?: NetworkInfo }) {
  const dnsNames = network?.dns ? [...new Set([container.name, ...endpoint.aliases])] : [];
  return (
    <>
      <h2>
        Endpoint <span className="mono">{container.name}</span> on <span className="mono">{endpoint.networkName}</span>
      </h2>
      <Fields
        rows={[
          ['Interface', endpoint.ifname ?? 'unknown (the kernel was not read)'],
          ['IPv4', endpoint.ipv4 && <span className="mono">{endpoint.ipv4}</span>],
          ['IPv6', endpoint.ipv6 && <span className="mono">{endpoint.ipv6}</span>],
          ['MAC', endpoint.mac && <span className="mono">{endpoint.mac}</span>],
          ['Gateway', endpoint.gateway],
          ['IPv6 gateway', endpoint.ipv6Gateway],
          ['Endpoint ID', endpoint.endpointId ? <span className="mono wrap">{endpoint.endpointId}</span> : 'none (container not running)'],
          ['Aliases', list(endpoint.aliases)],
          ['DNS names', network?.dns ? list(dnsNames) : network ? dnsMissingReason(network) : null],
        ]}
      />
      <RawJson
        kind="container"
        id={container.id}
        pick={(raw) => (raw as { NetworkSettings?: { Networks?: Record<string, unknown> } }).NetworkSettings?.Networks?.[endpoint.networkName]}
      />
    </>
  );
}
