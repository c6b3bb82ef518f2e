/**
 * `dockwire topology` without --json: the host's networking as a tree a person
 * reads top-down: network -> Linux bridge -> containers with interface and IP,
 * then the containers that sit outside bridges (host, none, shared namespaces)
 * and the published ports.
 */
import { formatPort } from '../../common/format.js';
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology } from '../../common/topology.js';

export function formatTree(topology: Topology, helperNote: string): string {
  const lines: string[] = [];
  const { engine } = topology;
  lines.push(`Docker ${engine.version} (API ${engine.apiVersion}) on ${engine.hostname || 'unknown host'} at ${engine.endpoint}`);
  lines.push(helperNote);
  const byId = new Map(topology.containers.map((c) => [c.id, c]));

  for (const network of topology.networks) {
    if (network.driver === 'host' || network.driver === 'null') continue;
    lines.push('');
    lines.push(`network ${network.name}  ${describeNetwork(network)}`);
    const attached = attachedTo(topology.containers, network);
    const indent = network.bridge ? '    ' : '  ';
    if (network.bridge) lines.push(`  bridge ${network.bridge.name}`);
    if (attached.length === 0) lines.push(`${indent}(no containers)`);
    for (const { container, endpoint } of attached) {
      lines.push(`${indent}${container.name}  ${describeEndpoint(endpoint)}  [${container.state}]`);
    }
  }

  const hostMode = topology.containers.filter((c) => c.networkModeKind === 'host');
  lines.push('', `host network namespace${hostMode.length ? '' : '  (no containers)'}`);
  for (const container of hostMode) lines.push(`  ${container.name}  (--network host)  [${container.state}]`);

  const noneMode = topology.containers.filter((c) => c.networkModeKind === 'none');
  if (noneMode.length) {
    lines.push('', 'isolated (--network none: only lo)');
    for (const container of noneMode) lines.push(`  ${container.name}  [${container.state}]`);
  }

  const sharers = topology.containers.filter((c) => c.networkModeKind === 'container');
  if (sharers.length) {
    lines.push('', 'shared namespaces (--network container:<x>)');
    for (const container of sharers) {
      const owner = container.netnsOwner ? byId.get(container.netnsOwner)?.name ?? container.netnsOwner.slice(0, 12) : '?';
      lines.push(`  ${container.name} -> namespace of ${owner}`);
    }
  }

  const published = topology.containers.flatMap((c) => c.ports.map((port) => ({ container: c, port })));
  if (published.length) {
    lines.push('', 'published ports (host -> container)');
    for (const { container, port } of published) {
      lines.push(`  ${container.name}  ${formatPort(port, '->')}`);
    }
  }
  return lines.join('\n');
}

function describeNetwork(network: NetworkInfo): string {
  const parts = [`driver=${network.driver}`];
  for (const subnet of network.subnets) parts.push(subnet.gateway ? `${subnet.subnet} via ${subnet.gateway}` : subnet.subnet);
  parts.push(network.dns ? 'DNS names: yes' : 'DNS names: no');
  if (network.internal) parts.push('internal');
  if (network.ipv6) parts.push('IPv6');
  if (network.parent) parts.push(`parent=${network.parent}`);
  return parts.join('  ');
}

function describeEndpoint(endpoint: EndpointInfo): string {
  return [endpoint.ifname ?? 'eth?', endpoint.ipv4 ?? '-', endpoint.ipv6, endpoint.mac].filter(Boolean).join('  ');
}

function attachedTo(containers: ContainerInfo[], network: NetworkInfo) {
  return containers.flatMap((container) =>
    container.endpoints.filter((e) => e.networkId === network.id).map((endpoint) => ({ container, endpoint })),
  );
}
