/**
 * Pure: what Docker and the kernel say about overlay networks and swarm.
 *
 * An overlay network lives in a namespace of its own on each host: a bridge
 * (br0) with a vxlan device and one veth per endpoint, whose other end is a
 * container's eth0. Docker names the VXLAN id and the peers; the helper reads
 * that namespace through a container on the network (by the nsid the
 * container's namespace gives it). Overlay containers also get an interface on
 * `docker_gwbridge` that Docker lists only on that network, not on the
 * container: it is Docker's endpoint all the same.
 */
import type { DockerEndpointJson, DockerNetworkEndpointJson, DockerNetworkJson, DockerServiceJson } from './dockerFacts.js';
import type { KernelFacts, KernelLink } from './kernelFacts.js';
import type { ContainerInfo, NetworkInfo, OverlayInfo, OverlayNamespace, SandboxEndpoint, ServiceInfo, TaskInfo } from './topology.js';

const VXLAN_ID_OPTION = 'com.docker.network.driver.overlay.vxlanid_list';
const CONTAINER_ID = /^[0-9a-f]{64}$/;

/** Docker's side of an overlay network (its namespace is filled in once containers are known). */
export function overlayFromDocker(json: DockerNetworkJson): OverlayInfo | null {
  if (json.Driver !== 'overlay') return null;
  const vni = Number((json.Options?.[VXLAN_ID_OPTION] ?? '').split(',')[0]);
  return {
    vni: Number.isInteger(vni) && vni > 0 ? vni : null,
    peers: (json.Peers ?? []).map((peer) => ({ name: peer.Name ?? '', ip: peer.IP ?? '' })),
    namespace: null,
  };
}

/** Endpoints a network lists under keys that are no container's id: its load balancer, the ingress sandbox. */
export function sandboxEndpoints(json: DockerNetworkJson): SandboxEndpoint[] {
  return Object.entries(json.Containers ?? {})
    .filter(([key]) => !CONTAINER_ID.test(key))
    .map(([sandbox, endpoint]) => ({
      sandbox,
      name: endpoint.Name ?? '',
      endpointId: endpoint.EndpointID ?? '',
      ipv4: endpoint.IPv4Address || null,
      mac: endpoint.MacAddress || null,
    }))
    .sort((a, b) => (a.sandbox < b.sandbox ? -1 : a.sandbox > b.sandbox ? 1 : 0));
}

/** Which networks list each container, made once per list of networks (not a lookup in each per container). */
const listings = new WeakMap<DockerNetworkJson[], Map<string, DockerNetworkJson[]>>();

function networksListing(networks: DockerNetworkJson[]): Map<string, DockerNetworkJson[]> {
  let listing = listings.get(networks);
  if (!listing) {
    listing = new Map();
    for (const network of networks)
      for (const containerId of Object.keys(network.Containers ?? {})) {
        const listed = listing.get(containerId);
        if (listed) listed.push(network);
        else listing.set(containerId, [network]);
      }
    listings.set(networks, listing);
  }
  return listing;
}

/**
 * Endpoints a network lists for a container that the container's own inspect does not carry
 * (its `docker_gwbridge` interface), as the container's endpoint JSON.
 */
export function endpointsListedOnlyByNetworks(
  containerId: string,
  ownNetworkIds: Set<string>,
  networks: DockerNetworkJson[],
): Array<{ networkName: string; json: DockerEndpointJson }> {
  const found: Array<{ networkName: string; json: DockerEndpointJson }> = [];
  for (const network of networksListing(networks).get(containerId) ?? []) {
    const endpoint = network.Containers?.[containerId];
    if (!endpoint || ownNetworkIds.has(network.Id) || ownNetworkIds.has(network.Name)) continue;
    found.push({
      networkName: network.Name,
      json: {
        NetworkID: network.Id,
        EndpointID: endpoint.EndpointID,
        MacAddress: endpoint.MacAddress,
        ...addressParts(endpoint),
        Gateway: network.IPAM?.Config?.find((config) => config.Gateway)?.Gateway,
      },
    });
  }
  return found;
}

function addressParts(endpoint: DockerNetworkEndpointJson): DockerEndpointJson {
  const [ipv4, ipv4Length] = (endpoint.IPv4Address ?? '').split('/');
  const [ipv6, ipv6Length] = (endpoint.IPv6Address ?? '').split('/');
  return {
    ...(ipv4 ? { IPAddress: ipv4, IPPrefixLen: Number(ipv4Length ?? 32) } : {}),
    ...(ipv6 ? { GlobalIPv6Address: ipv6, GlobalIPv6PrefixLen: Number(ipv6Length ?? 128) } : {}),
  };
}

/**
 * Each overlay network's namespace, read through the first running container on it whose helper read
 * reached it; the bridge's veths are matched to containers' interfaces by ifindex both ways.
 */
export function withOverlayNamespaces(networks: NetworkInfo[], containers: ContainerInfo[], kernel: KernelFacts | null): NetworkInfo[] {
  if (!kernel) return networks;
  return networks.map((network) => {
    if (!network.overlay) return network;
    const namespace = overlayNamespace(network.id, containers, kernel);
    return namespace ? { ...network, overlay: { ...network.overlay, namespace } } : network;
  });
}

function overlayNamespace(networkId: string, containers: ContainerInfo[], kernel: KernelFacts): OverlayNamespace | null {
  const ends = containers.flatMap((container) =>
    container.endpoints
      .filter((endpoint) => endpoint.networkId === networkId && endpoint.ifindex !== null)
      .map((endpoint) => ({
        container,
        link: kernel.namespaces[container.id]?.links.find((l) => l.ifindex === endpoint.ifindex) ?? null,
      })),
  );
  for (const { container, link } of ends) {
    if (!link || link.linkNetnsid === null || link.peerIfindex === null) continue;
    const peer = kernel.namespaces[container.id]?.peerNamespaces?.find((p) => p.nsid === link.linkNetnsid);
    const otherEnd = peer?.links.find((l) => l.ifindex === link.peerIfindex && l.peerIfindex === link.ifindex);
    if (!peer || !otherEnd) continue;
    const bridge = peer.links.find((l) => l.kind === 'bridge' && l.ifindex === otherEnd.master) ?? null;
    if (!bridge) continue;
    const vxlan = peer.links.find((l) => l.kind === 'vxlan' && l.master === bridge.ifindex) ?? null;
    const owner = (port: KernelLink) =>
      ends.find(({ link: end }) => end && end.ifindex === port.peerIfindex && end.peerIfindex === port.ifindex) ?? null;
    return {
      bridge: {
        name: bridge.name,
        ifindex: bridge.ifindex,
        mac: bridge.mac,
        mtu: bridge.mtu,
        state: bridge.operstate,
        addresses: bridge.addresses.filter((a) => a.family === 'inet').map((a) => `${a.address}/${a.prefixlen}`),
      },
      vxlan: vxlan && {
        name: vxlan.name,
        ifindex: vxlan.ifindex,
        mac: vxlan.mac,
        mtu: vxlan.mtu,
        state: vxlan.operstate,
        vni: vxlan.vxlanId ?? null,
        stats: vxlan.stats ?? null,
      },
      ports: peer.links
        .filter((l) => l.kind === 'veth' && l.master === bridge.ifindex)
        .map((port) => {
          const end = owner(port);
          return {
            name: port.name,
            ifindex: port.ifindex,
            state: port.operstate,
            containerId: end?.container.id ?? null,
            ifname: end?.link?.name ?? null,
          };
        }),
    };
  }
  return null;
}

export function toServiceInfo(json: DockerServiceJson, tasks: TaskInfo[] = []): ServiceInfo {
  const mode = json.Spec?.Mode ?? {};
  const modeName = Object.keys(mode)[0] ?? 'unknown';
  return {
    id: json.ID,
    name: json.Spec?.Name ?? json.ID,
    mode: modeName.toLowerCase(),
    replicas: typeof mode.Replicated?.Replicas === 'number' ? mode.Replicated.Replicas : null,
    ports: (json.Endpoint?.Ports ?? []).map((port) => ({
      protocol: port.Protocol ?? 'tcp',
      targetPort: port.TargetPort ?? 0,
      publishedPort: port.PublishedPort ?? 0,
      publishMode: port.PublishMode ?? 'ingress',
    })),
    virtualIps: (json.Endpoint?.VirtualIPs ?? []).map((vip) => ({ networkId: vip.NetworkID ?? '', address: vip.Addr ?? '' })),
    tasks,
  };
}

/** The other end of a container's interface on an overlay network's bridge (in the overlay's namespace). */
export function overlayEndFor(network: NetworkInfo, containerId: string, ifname: string | null) {
  // Across nodes each node's namespace holds its own containers' ends.
  const namespaces = network.overlay?.nodes?.map((node) => node.namespace) ?? [network.overlay?.namespace];
  for (const namespace of namespaces) {
    const port = namespace?.ports.find((p) => p.containerId === containerId && p.ifname === ifname);
    if (port) return port;
  }
  return null;
}

/** "VXLAN 4097, spans 127.0.0.1 (66b6f6e020e7)": what an overlay network is, in one line. */
export function describeOverlay(overlay: OverlayInfo): string {
  const vni = overlay.vni !== null ? `VXLAN ${overlay.vni}` : 'VXLAN id unknown';
  const peers = overlay.peers.map((peer) => (peer.name ? `${peer.ip} (${peer.name})` : peer.ip));
  return peers.length ? `${vni}, spans ${peers.length} host${peers.length === 1 ? '' : 's'}: ${peers.join(', ')}` : vni;
}

/** The swarm service a task container belongs to, from the label swarm puts on it. */
export const swarmServiceOf = (labels: Record<string, string>) => labels['com.docker.swarm.service.name'] ?? null;

/** A swarm task's name without its task id ("websvc.1.a2d8n4zx…" -> "websvc.1"), for a card's title; null for other containers. */
export function taskTitle(name: string, labels: Record<string, string>): string | null {
  if (!swarmServiceOf(labels)) return null;
  return /^(.+)\.[a-z0-9]{25}$/.exec(name)?.[1] ?? null;
}
