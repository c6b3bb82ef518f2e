import type { ReactNode } from 'react';
import type { ContainerInfo, EndpointInfo, NetworkInfo } from '../../../common/topology';
import { overlayEndFor } from '../../../common/overlay';
import { endpointWireKey } from '../../../common/traffic';
import { TrafficChart } from './TrafficChart';
import { Fields, list } from './Fields';
import { dnsMissingReason } from './NetworkDetails';
import { RawJson } from './RawJson';

export function EndpointDetails({
  container,
  endpoint,
  network,
}: {
  container: ContainerInfo;
  endpoint: EndpointInfo;
  network?: NetworkInfo;
}) {
  const dnsNames = network?.dns ? [...new Set([container.name, ...endpoint.aliases])] : [];
  return (
    <>
      <h2>
        Endpoint <span className="mono">{container.name}</span> on <span className="mono">{endpoint.networkName}</span>
      </h2>
      <Fields
        rows={[
          ['Interface', endpoint.ifname ?? 'unknown (the kernel was not read)'],
          ['Interface ifindex', endpoint.ifindex],
          ['Host veth', endpoint.hostVeth ? <span className="mono">{endpoint.hostVeth.name}</span> : null],
          ['Host veth ifindex', endpoint.hostVeth?.ifindex],
          ['Traffic', <TrafficChart wire={endpointWireKey(container.id, endpoint.networkId)} />],
          ['Linux bridge', network?.bridge?.name],
          ...overlayEndRows(container, endpoint, network),
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
        pick={(raw) =>
          (raw as { NetworkSettings?: { Networks?: Record<string, unknown> } }).NetworkSettings?.Networks?.[endpoint.networkName]
        }
      />
    </>
  );
}

/** On an overlay network the veth's other end is not on the host: it is a port of the bridge in the overlay's own namespace. */
function overlayEndRows(container: ContainerInfo, endpoint: EndpointInfo, network?: NetworkInfo): Array<[string, ReactNode]> {
  if (!network?.overlay) return [];
  const end = overlayEndFor(network, container.id, endpoint.ifname);
  const bridge = network.overlay.namespace?.bridge;
  return [
    [
      'Other end',
      end && bridge ? (
        <span className="mono">
          {end.name} (ifindex {end.ifindex}) on {bridge.name}, in the overlay’s own namespace
        </span>
      ) : (
        'in the overlay’s own namespace (not read)'
      ),
    ],
    ['VXLAN id', network.overlay.vni],
  ];
}
