/**
 * Pure: Docker facts (and kernel facts where known) in, Topology out.
 * Deterministic for the same facts, so updates diff cleanly and tests can
 * compare whole values.
 */
import type { DockerContainerJson, DockerEndpointJson, DockerFacts, DockerNetworkJson, KernelRoute } from './dockerFacts.js';
import { networkOf } from './ipv4.js';
import { endpointsListedOnlyByNetworks, overlayFromDocker, sandboxEndpoints, toServiceInfo, withOverlayNamespaces } from './overlay.js';
import type { KernelFacts, KernelLink, KernelNamespace } from './kernelFacts.js';
import { tasksByService, toSwarmNodes } from './swarm.js';
import { bridgeInfo, containerLinkFor, hostVethFor, unmanagedLinks } from './kernelMatch.js';
import {
  EMBEDDED_DNS_SERVER,
  SCHEMA_VERSION,
  containersOwnSockets,
  type ContainerDns,
  type EngineInfo,
  type ContainerInfo,
  type EndpointInfo,
  type ListeningSocket,
  type NetworkInfo,
  type NetworkModeKind,
  type PortInfo,
  type Topology,
} from './topology.js';

const PREDEFINED: Record<string, string> = { bridge: 'bridge', host: 'host', none: 'null' };
const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';
const DEFAULT_BRIDGE_OPTION = 'com.docker.network.bridge.default_bridge';
/** The bridge swarm makes for overlay containers' way out (one per host, always this name). */
const GWBRIDGE = 'docker_gwbridge';
/** Labels Dockwire puts on its helper containers, for people (`docker ps --filter label=dockwire.helper`). */
export const HELPER_LABEL = 'dockwire.helper';
export const HELPER_OWNER_LABEL = 'dockwire.helper.owner';

/**
 * Dockwire's own helper containers are a tool, not part of the user's graph.
 * Anyone can put a label on a container, so a label alone would let any
 * container hide itself: a helper is recognised by running the very image
 * Dockwire verified by content, in the host's network, as Dockwire starts it.
 */
function isDockwireHelper(json: DockerContainerJson, helperImageId: string | null): boolean {
  return (
    helperImageId !== null &&
    json.Image === helperImageId &&
    json.HostConfig?.NetworkMode === 'host' &&
    Boolean(json.Config?.Labels?.[HELPER_OWNER_LABEL])
  );
}

export function buildTopology(facts: DockerFacts, version: number, generatedAt: string): Topology {
  const tasks = tasksByService(facts.tasks ?? []);
  const dockerNetworks = facts.networks.map((json) => toNetworkInfo(json, facts.kernel)).sort(byPredefinedThenName);
  const containers = facts.containers
    .filter((json) => !isDockwireHelper(json, facts.helperImageId ?? null))
    .map((json) => containerInfo(json, facts, dockerNetworks))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  const networks = withOverlayNamespaces(dockerNetworks, containers, facts.kernel);
  const claimed = new Set(containers.flatMap((c) => c.endpoints.map((e) => e.hostVeth?.ifindex ?? -1)));
  return {
    schemaVersion: SCHEMA_VERSION,
    version,
    generatedAt,
    engine: withSwarmInterface(facts.engine, facts.kernel),
    helper: facts.helper,
    networks,
    containers,
    unmanagedLinks: facts.kernel ? unmanagedLinks(facts.kernel, claimed, networks) : [],
    services: (facts.services ?? [])
      .map((service) => toServiceInfo(service, tasks.get(service.ID)))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)),
    swarmNodes: toSwarmNodes(facts.swarmNodes ?? []),
  };
}

/** A swarm node's underlay interface: the host link that holds its swarm address, when the kernel view has it. */
function withSwarmInterface(engine: EngineInfo, kernel: KernelFacts | null): EngineInfo {
  const address = engine.swarmAddress;
  const link = address ? kernel?.hostLinks.find((l) => l.addresses.some((a) => a.address === address)) : undefined;
  return link ? { ...engine, swarmInterface: { name: link.name, mtu: link.mtu } } : engine;
}

export function toNetworkInfo(json: DockerNetworkJson, kernel: KernelFacts | null = null): NetworkInfo {
  const driver = json.Driver ?? '';
  const options = json.Options ?? {};
  const isDefaultBridge = options[DEFAULT_BRIDGE_OPTION] === 'true';
  return {
    id: json.Id,
    name: json.Name,
    driver,
    scope: json.Scope ?? 'local',
    internal: json.Internal ?? false,
    attachable: json.Attachable ?? false,
    ipv6: json.EnableIPv6 ?? false,
    // Docker's embedded DNS serves every user-defined network; the default bridge (docker0), the host/none
    // pseudo-networks, and swarm's plumbing (the routing mesh, docker_gwbridge, which no container's
    // inspect lists as its network) give no names.
    dns: driver !== 'host' && driver !== 'null' && !isDefaultBridge && !json.Ingress && json.Name !== GWBRIDGE,
    predefined: PREDEFINED[json.Name] === driver,
    subnets: (json.IPAM?.Config ?? [])
      .filter((config) => config.Subnet)
      .map((config) => ({ subnet: config.Subnet ?? '', gateway: config.Gateway || null, ipRange: config.IPRange || null })),
    bridge: driver === 'bridge' ? bridgeInfo(options[BRIDGE_NAME_OPTION] || `br-${json.Id.slice(0, 12)}`, kernel?.hostLinks ?? null) : null,
    parent: driver === 'macvlan' || driver === 'ipvlan' ? (options.parent ?? null) : null,
    options,
    labels: json.Labels ?? {},
    createdAt: json.Created ?? '',
    overlay: overlayFromDocker(json),
    sandboxEndpoints: sandboxEndpoints(json),
  };
}

function byPredefinedThenName(a: NetworkInfo, b: NetworkInfo): number {
  return Number(b.predefined) - Number(a.predefined) || compareText(a.name, b.name);
}

/** Where one endpoint of a container comes from: its JSON, and the network it is on (when Docker lists that). */
interface EndpointSource {
  networkName: string;
  endpoint: DockerEndpointJson;
  network: NetworkInfo | undefined;
  /** Its link in the container's namespace, and the host end of that veth, as the kernel view pairs them. */
  link: KernelLink | null;
  hostVeth: KernelLink | null;
}

/**
 * A container's info is kept with its inspect JSON and reused while everything else it is made from is the very
 * same (its namespace, routes and host veths as read, its network mode, its networks' ids, names and DNS): a live
 * change rebuilds the one or two containers it touched, not a thousand, and their JSON text is kept too
 * (itemTexts). The inputs are compared one by one, so anything not listed here must not feed toContainerInfo.
 */
const builtContainers = new WeakMap<DockerContainerJson, { inputs: unknown[]; info: ContainerInfo }>();

function containerInfo(json: DockerContainerJson, facts: DockerFacts, networks: NetworkInfo[]): ContainerInfo {
  const mode = resolveNetworkMode(json.HostConfig?.NetworkMode ?? 'default', facts.containers, networks);
  const namespace = facts.kernel?.namespaces[json.Id];
  const routes = facts.kernelRoutes[json.Id];
  const sources = endpointSources(json, facts, networks, namespace);
  const inputs = [
    facts.kernel !== null,
    namespace,
    routes,
    mode.name,
    mode.kind,
    mode.owner,
    ...sources.flatMap((s) => [s.endpoint, s.network?.id, s.network?.name, s.network?.dns, s.hostVeth]),
  ];
  const built = builtContainers.get(json);
  if (built && built.inputs.length === inputs.length && built.inputs.every((input, i) => input === inputs[i])) return built.info;
  const info = toContainerInfo(json, facts, networks, mode, sources);
  builtContainers.set(json, { inputs, info });
  return info;
}

function endpointSources(
  json: DockerContainerJson,
  facts: DockerFacts,
  networks: NetworkInfo[],
  namespace: KernelNamespace | undefined,
): EndpointSource[] {
  const own = Object.entries(json.NetworkSettings?.Networks ?? {});
  const ownNetworkIds = new Set(own.flatMap(([name, endpoint]) => [name, endpoint.NetworkID ?? '']));
  const listedElsewhere = endpointsListedOnlyByNetworks(json.Id, ownNetworkIds, facts.networks).map(
    ({ networkName, json: endpoint }) => [networkName, endpoint] as const,
  );
  return [...own, ...listedElsewhere].map(([networkName, endpoint]) => {
    const network = networks.find((n) => n.id === endpoint.NetworkID) ?? networks.find((n) => n.name === networkName);
    const link = namespace ? containerLinkFor(namespace, ipv4Of(endpoint), endpoint.MacAddress || null) : null;
    const hostVeth = link && namespace && facts.kernel ? hostVethFor(link, namespace, facts.kernel.hostLinks) : null;
    return { networkName, endpoint, network, link, hostVeth };
  });
}

function toContainerInfo(
  json: DockerContainerJson,
  facts: DockerFacts,
  networks: NetworkInfo[],
  mode: ResolvedMode,
  sources: EndpointSource[],
): ContainerInfo {
  const state = json.State?.Status ?? 'unknown';
  const routes = facts.kernelRoutes[json.Id] ?? [];
  const endpoints = sources
    .map((source) => toEndpointInfo(source, routes))
    .sort((a, b) => compareText(a.ifname ?? '~', b.ifname ?? '~') || compareText(a.networkName, b.networkName));
  const pid = json.State?.Running && json.State.Pid ? json.State.Pid : null;
  return {
    id: json.Id,
    name: json.Name.replace(/^\//, ''),
    image: json.Config?.Image ?? '',
    state,
    status: state === 'exited' ? `exited with code ${json.State?.ExitCode ?? '?'}` : state,
    networkMode: mode.name,
    networkModeKind: mode.kind,
    netnsOwner: mode.owner,
    pid,
    endpoints,
    ports: toPorts(json.NetworkSettings?.Ports ?? {}),
    labels: json.Config?.Labels ?? {},
    dns: toContainerDns(json, facts, endpoints, networks),
    listening: listeningOf(facts.kernel?.namespaces[json.Id]),
    namespaceTruncated: facts.kernel?.namespaces[json.Id]?.truncated ?? [],
  };
}

/** resolv.conf as the helper read it, and the --dns settings Docker keeps; what is unknown says why. */
function toContainerDns(json: DockerContainerJson, facts: DockerFacts, endpoints: EndpointInfo[], networks: NetworkInfo[]): ContainerDns {
  const host = json.HostConfig ?? {};
  const namespace = facts.kernel?.namespaces[json.Id];
  const conf = namespace?.resolvConf;
  const unread = conf
    ? null
    : !facts.kernel
      ? 'the kernel view is off'
      : !json.State?.Running
        ? 'it is not running'
        : (namespace?.resolvConfError ?? namespace?.error ?? 'its namespace was not read');
  // Unread, Docker's own rule: containers on a network that gives names ask its embedded server.
  const onNamedNetwork = endpoints.some((e) => networks.find((n) => n.id === e.networkId)?.dns);
  return {
    nameservers: conf?.nameservers ?? [],
    search: conf?.search ?? [],
    options: conf?.options ?? [],
    embedded: conf ? conf.nameservers.includes(EMBEDDED_DNS_SERVER) : onNamedNetwork,
    configured: { servers: host.Dns ?? [], search: host.DnsSearch ?? [], options: host.DnsOptions ?? [] },
    extraHosts: host.ExtraHosts ?? [],
    unread,
  };
}

interface ResolvedMode {
  name: string;
  kind: NetworkModeKind;
  owner: string | null;
}

/** HostConfig.NetworkMode -> what the user asked for with `--network`. */
export function resolveNetworkMode(raw: string, containers: DockerContainerJson[], networks: NetworkInfo[]): ResolvedMode {
  if (raw === 'default' || raw === 'bridge') return { name: 'bridge', kind: 'bridge', owner: null };
  if (raw === 'host' || raw === 'none') return { name: raw, kind: raw, owner: null };
  if (raw.startsWith('container:')) {
    const ref = raw.slice('container:'.length);
    const owner = containers.find((c) => c.Id === ref || c.Name.replace(/^\//, '') === ref || (ref.length >= 12 && c.Id.startsWith(ref)));
    return { name: 'container', kind: 'container', owner: owner?.Id ?? ref };
  }
  const network = networks.find((n) => n.id === raw || n.name === raw);
  return { name: network?.name ?? raw, kind: 'network', owner: null };
}

const ipv4Of = (json: DockerEndpointJson) => (json.IPAddress ? `${json.IPAddress}/${json.IPPrefixLen ?? 32}` : null);

/** An endpoint as Docker lists it, with its interface, counters and host veth where the kernel view has them. */
function toEndpointInfo({ networkName, endpoint: json, network, link, hostVeth }: EndpointSource, routes: KernelRoute[]): EndpointInfo {
  const ipv4 = ipv4Of(json);
  // Without the kernel view, /proc's routes name the interface: the one that reaches the endpoint's subnet.
  const subnet = ipv4 && routes.length ? networkOf(ipv4) : null;
  return {
    networkId: network?.id ?? json.NetworkID ?? '',
    networkName: network?.name ?? networkName,
    endpointId: json.EndpointID ?? '',
    ifname: link ? link.name : subnet ? (routes.find((route) => route.destination === subnet)?.ifname ?? null) : null,
    ifindex: link ? link.ifindex : null,
    hostVeth: hostVeth ? { name: hostVeth.name, ifindex: hostVeth.ifindex } : null,
    ipv4,
    ipv6: json.GlobalIPv6Address ? `${json.GlobalIPv6Address}/${json.GlobalIPv6PrefixLen ?? 128}` : null,
    mac: json.MacAddress || null,
    gateway: json.Gateway || null,
    ipv6Gateway: json.IPv6Gateway || null,
    aliases: json.Aliases ?? [],
    stats: link?.stats ?? null,
  };
}

function toPorts(ports: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>): PortInfo[] {
  const published: PortInfo[] = [];
  for (const [key, bindings] of Object.entries(ports)) {
    const [portText, protocol = 'tcp'] = key.split('/');
    for (const binding of bindings ?? []) {
      published.push({
        containerPort: Number(portText),
        protocol,
        hostIp: binding.HostIp ?? '',
        hostPort: Number(binding.HostPort),
      });
    }
  }
  return published.sort((a, b) => a.containerPort - b.containerPort || a.hostPort - b.hostPort || compareText(a.hostIp, b.hostIp));
}

/**
 * Orders names case-insensitively, then by code point: the same everywhere, and without
 * localeCompare, whose first use loads a collator (a noticeable part of a one-shot CLI run).
 */
export function compareText(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const listeningOf = (namespace: { listening?: ListeningSocket[] } | undefined) =>
  namespace?.listening ? containersOwnSockets(namespace.listening) : null;
