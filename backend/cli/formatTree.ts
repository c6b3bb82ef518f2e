/**
 * `dockwire topology` without --json: the host's networking as a tree a person
 * reads top-down: network -> Linux bridge -> containers with interface and IP,
 * then the containers that sit outside bridges (host, none, shared namespaces)
 * the published ports, and how each running container resolves names.
 */
import { formatPort, loopbackOnlyWarning } from '../../common/format.js';
import { resolverSummary } from '../../common/resolverSummary.js';
import { describeOverlay, overlayEndFor, swarmServiceOf } from '../../common/overlay.js';
import { describeSwarmNode } from '../../common/swarm.js';
import type { HostsDocument } from '../../common/hosts.js';
import type { BridgeInfo, ContainerInfo, EndpointInfo, NetworkInfo, OverlayNamespace, Topology } from '../../common/topology.js';

/** Several engines, one after another, each under a heading with its name (names repeat across engines). */
export function formatHostsTree({ hosts }: HostsDocument): string {
  return hosts
    .map((host) => {
      const heading = `=== ${host.name}${host.topology ? ` (${host.topology.engine.hostname || 'unknown host'})` : ''} ===`;
      const body = host.topology ? formatTree(host.topology) : `not read: ${host.error?.message ?? 'no answer'}`;
      return `${heading}\n${body}`;
    })
    .join('\n\n');
}

export function formatTree(topology: Topology): string {
  const lines: string[] = [];
  const { engine, helper } = topology;
  lines.push(`Docker ${engine.version} (API ${engine.apiVersion}) on ${engine.hostname || 'unknown host'} at ${engine.endpoint}`);
  lines.push(
    helper.mode === 'container' || helper.mode === 'local'
      ? `kernel view: native helper (${helper.mode} mode)`
      : `kernel view unavailable: ${helper.reason ?? helper.mode} (veth pairs and hand-made links are not shown)`,
  );
  const byId = new Map(topology.containers.map((c) => [c.id, c]));

  for (const network of topology.networks) {
    if (network.driver === 'host' || network.driver === 'null') continue;
    lines.push('');
    lines.push(`network ${network.name}  ${describeNetwork(network)}`);
    const attached = attachedTo(topology.containers, network);
    const namespace = network.overlay?.namespace;
    const indent = network.bridge || namespace ? '    ' : '  ';
    if (network.bridge) lines.push(`  bridge ${describeBridge(network.bridge)}`);
    if (namespace) lines.push(`  overlay namespace: ${describeOverlayNamespace(namespace)}`);
    if (attached.length === 0) lines.push(`${indent}(no containers)`);
    for (const { container, endpoint } of attached) {
      const end = overlayEndFor(network, container.id, endpoint.ifname);
      const overlayWire = end && namespace?.bridge ? `  ${end.name} (on ${namespace.bridge.name}) <-> ${endpoint.ifname}` : '';
      lines.push(`${indent}${container.name}  ${describeEndpoint(endpoint)}${overlayWire}  [${container.state}]`);
    }
    for (const sandbox of network.sandboxEndpoints) {
      lines.push(
        `${indent}Docker's ${sandbox.sandbox} (${sandbox.name})  ${[sandbox.ipv4 ?? '-', sandbox.mac].filter(Boolean).join('  ')}`,
      );
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
      const owner = container.netnsOwner ? (byId.get(container.netnsOwner)?.name ?? container.netnsOwner.slice(0, 12)) : '?';
      lines.push(`  ${container.name} -> namespace of ${owner}`);
    }
  }

  if (topology.unmanagedLinks.length) {
    lines.push('', 'links Docker does not know about (made by hand)');
    for (const link of topology.unmanagedLinks) {
      const peer = link.peer
        ? ` <-> ${link.peer.ifname}${link.peer.containerId ? ` in ${byId.get(link.peer.containerId)?.name ?? link.peer.containerId.slice(0, 12)}` : ''}${link.peer.addresses.length ? ` ${link.peer.addresses.join(' ')}` : ''}`
        : '';
      lines.push(`  ${link.kind} ${link.name}${link.master ? ` on ${link.master}` : ''}${peer}  [${link.state}]`);
    }
  }

  if (topology.swarmNodes.length) {
    lines.push('', 'swarm nodes (as its managers know them)');
    for (const node of topology.swarmNodes) lines.push(`  ${describeSwarmNode(node)}`);
  }

  if (topology.services.length) {
    const nodeName = (id: string) => topology.swarmNodes.find((n) => n.id === id)?.hostname ?? id.slice(0, 12);
    lines.push('', 'swarm services');
    for (const service of topology.services) {
      const local = topology.containers.filter((c) => swarmServiceOf(c.labels) === service.name);
      // A manager knows every node's tasks; without them, the containers on this engine are all there is to count.
      const running = service.tasks.length
        ? service.tasks.filter((t) => t.state === 'running').length
        : local.filter((c) => c.state === 'running').length;
      const replicas = service.replicas !== null ? `${running}/${service.replicas} running` : `${running} running`;
      const ports = service.ports.map((p) => `${p.publishedPort}->${p.targetPort}/${p.protocol} (${p.publishMode})`);
      lines.push(`  ${service.name}  ${service.mode} ${replicas}${ports.length ? `  ports ${ports.join(', ')}` : ''}`);
      for (const task of service.tasks) {
        const name = `${service.name}.${task.slot ?? nodeName(task.nodeId)}`;
        lines.push(`    ${name} on ${nodeName(task.nodeId)}: ${task.state}${task.error ? ` (${task.error})` : ''}`);
      }
      if (!service.tasks.length && local.length) lines.push(`    tasks: ${local.map((c) => c.name).join(', ')}`);
    }
  }

  const published = topology.containers.flatMap((c) => c.ports.map((port) => ({ container: c, port })));
  if (published.length) {
    lines.push('', 'published ports (host -> container)');
    for (const { container, port } of published) {
      lines.push(`  ${container.name}  ${formatPort(port, '->')}${loopbackOnlyWarning(container, port)}`);
    }
  }

  const running = topology.containers.filter((c) => c.state === 'running');
  if (running.length) {
    lines.push('', 'how each container resolves names');
    for (const container of running) {
      const { line, details } = resolverSummary(container, topology);
      lines.push(`  ${container.name}: ${line}`);
      for (const detail of details) lines.push(`    ${detail}`);
    }
  }

  const cut = topology.containers.filter((c) => c.namespaceTruncated.length);
  if (cut.length) {
    lines.push('', "namespaces read in part (past the helper's bounds)");
    for (const container of cut) lines.push(`  ${container.name}: ${container.namespaceTruncated.join('; ')}`);
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
  if (network.overlay) parts.push(describeOverlay(network.overlay));
  return parts.join('  ');
}

function describeEndpoint(endpoint: EndpointInfo): string {
  const veth = endpoint.hostVeth ? `${endpoint.hostVeth.name} <-> ${endpoint.ifname}` : null;
  return [endpoint.ifname ?? 'eth?', endpoint.ipv4 ?? '-', endpoint.ipv6, endpoint.mac, veth].filter(Boolean).join('  ');
}

function describeBridge(bridge: BridgeInfo): string {
  if (bridge.ifindex === null) return bridge.name;
  return `${bridge.name}  (${bridge.state}, mtu ${bridge.mtu}, ${bridge.mac})`;
}

function describeOverlayNamespace(namespace: OverlayNamespace): string {
  const bridge = namespace.bridge
    ? `bridge ${namespace.bridge.name} (${namespace.bridge.state}, mtu ${namespace.bridge.mtu}${namespace.bridge.addresses.length ? `, ${namespace.bridge.addresses.join(' ')}` : ''})`
    : 'no bridge';
  const vxlan = namespace.vxlan
    ? `${namespace.vxlan.name} (vni ${namespace.vxlan.vni ?? '?'}, mtu ${namespace.vxlan.mtu})`
    : 'no vxlan device';
  return `${bridge}  ${vxlan}`;
}

function attachedTo(containers: ContainerInfo[], network: NetworkInfo) {
  return containers.flatMap((container) =>
    container.endpoints.filter((e) => e.networkId === network.id).map((endpoint) => ({ container, endpoint })),
  );
}
