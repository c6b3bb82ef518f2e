/**
 * The Topology: Dockwire's plain-data picture of a Docker host's networking.
 * It crosses every boundary (IPC, WebSocket, `dockwire topology --json`), so it
 * holds only JSON values. Bump SCHEMA_VERSION on any incompatible change; the
 * docs/topology-json.md documents this shape as a public contract.
 */
import type { HelperStatus } from './kernelFacts.js';

export const SCHEMA_VERSION = 1;

export interface Topology {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Increases with every pushed update during one backend run. */
  version: number;
  generatedAt: string;
  engine: EngineInfo;
  /** Whether kernel facts (veths, bridges, hand-made links) are available, and why not. */
  helper: HelperStatus;
  networks: NetworkInfo[];
  containers: ContainerInfo[];
  /** Links Docker does not know about: hand-made veths, bridges no network owns. */
  unmanagedLinks: UnmanagedLink[];
  /** Swarm services (empty when the engine is not a swarm manager). */
  services: ServiceInfo[];
  /** The swarm's nodes, as its managers know them (empty when the engine is not a swarm manager). */
  swarmNodes: SwarmNodeInfo[];
  /**
   * Only when several engines are followed at once (`dockwire serve --context A --context B`): each engine,
   * in the order named, with its state. Every container, network and link then names its engine (`host`).
   */
  hosts?: HostState[];
}

/** One engine of several followed at once: what the picture's host frame says about it. */
export interface HostState {
  /** How the user named it: a context's name, or the address given with --host. Unique among the hosts. */
  name: string;
  /** The engine's address, as the user would write it. */
  endpoint: string;
  /** connecting, live, reconnecting, unresponsive: as EngineStatus.state, for this engine alone. */
  state: EngineStatus['state'];
  /** Why it is not live, else null. */
  error: string | null;
  /** Its version and hostname once it has answered; null before. */
  engine: EngineInfo | null;
  helper: HelperStatus | null;
}

/** A node of a swarm, as a manager sees it: one that leaves or goes down is listed as such, not dropped. */
export interface SwarmNodeInfo {
  id: string;
  /** The node's own hostname (`docker info` Name on that engine). */
  hostname: string;
  role: 'manager' | 'worker';
  /** active, pause, drain. */
  availability: string;
  /** ready, down, disconnected, unknown. */
  state: string;
  /** Its address on the underlay, the one VXLAN tunnels run between. */
  address: string;
  leader: boolean;
  /** What the manager says about it when it is not ready, else null. */
  message: string | null;
}

/** One replica of a service: the node it was put on, and its container there. */
export interface TaskInfo {
  id: string;
  /** A replicated service's replica number; null for a global service's task. */
  slot: number | null;
  nodeId: string;
  /** running, starting, failed, shutdown… and what the swarm wants it to be. */
  state: string;
  desiredState: string;
  containerId: string | null;
  /** Why it failed, when it did. */
  error: string | null;
}

/** A swarm service: its tasks are containers labelled com.docker.swarm.service.name. */
export interface ServiceInfo {
  id: string;
  name: string;
  /** replicated, global… */
  mode: string;
  /** Replicas asked for (replicated mode); null otherwise. */
  replicas: number | null;
  /** Ports published through the routing mesh (ingress) or on each host. */
  ports: ServicePort[];
  /** Its virtual IPs, per network ("a.b.c.d/len"). */
  virtualIps: Array<{ networkId: string; address: string }>;
  /** Its tasks that are meant to run or still do (not those long shut down), by slot. */
  tasks: TaskInfo[];
}

export interface ServicePort {
  protocol: string;
  targetPort: number;
  publishedPort: number;
  /** ingress (the routing mesh, on every node) or host. */
  publishMode: string;
}

/** A Linux bridge as the kernel reports it; kernel fields are null without the helper. */
export interface BridgeInfo {
  name: string;
  ifindex: number | null;
  mac: string | null;
  mtu: number | null;
  /** operstate: up, down… */
  state: string | null;
  /** The bridge's own IPv4 addresses ("a.b.c.d/len"): the gateway Docker gave it. */
  addresses: string[];
  /** Names of the links enslaved to it. */
  ports: string[];
}

export interface UnmanagedLink {
  /** The engine's host it is on, when several are followed (Topology.hosts). */
  host?: string;
  kind: 'veth' | 'bridge';
  name: string;
  ifindex: number;
  mac: string;
  state: string;
  /** The bridge it is a port of, if any, and the Docker network owning that bridge. */
  master: string | null;
  networkId: string | null;
  /** For a veth: its other end, and the container whose namespace holds it (null: the host or unknown). */
  peer: { containerId: string | null; ifname: string; ifindex: number; addresses: string[] } | null;
  /** Its traffic counters, from the far end's side when that is a container's (tx: sent by it), else from the host end's. */
  stats: TrafficCounters | null;
}

/** A link's totals: bytes, packets and drops received (rx) and sent (tx). */
export interface TrafficCounters {
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
  rxDropped: number;
  txDropped: number;
}

export interface EngineInfo {
  /** The endpoint Dockwire talks to, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  version: string;
  apiVersion: string;
  /** The engine host's name, as the daemon reports it. */
  hostname: string;
  os: string;
  arch: string;
  /** Whether the engine is part of a swarm (overlay networks need one). */
  swarm: boolean;
  /** In a swarm: this node's address on the underlay, where its VXLAN tunnels start and end (`docker info` Swarm.NodeAddr). */
  swarmAddress?: string;
  /** The host interface that holds swarmAddress, as the kernel has it (its MTU bounds what a VXLAN tunnel carries whole). */
  swarmInterface?: { name: string; mtu: number };
}

export interface Subnet {
  subnet: string;
  gateway: string | null;
  ipRange: string | null;
}

export interface NetworkInfo {
  /** The engine it is on, when several are followed (Topology.hosts); none for a swarm network seen on several (spans). */
  host?: string;
  /** A swarm network (an overlay) seen on several of the engines followed: their names. It is drawn once, across them. */
  spans?: string[];
  id: string;
  name: string;
  /** bridge, host, null, macvlan, ipvlan, overlay, or a plugin's name. */
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  /** Whether containers on it get DNS names from Docker's embedded resolver. */
  dns: boolean;
  /** One of Docker's predefined networks (bridge, host, none): cannot be removed. */
  predefined: boolean;
  subnets: Subnet[];
  /** The Linux bridge behind a bridge-driver network; null for other drivers. */
  bridge: BridgeInfo | null;
  /** The parent interface of a macvlan/ipvlan network. */
  parent: string | null;
  options: Record<string, string>;
  labels: Record<string, string>;
  createdAt: string;
  /** For an overlay network: its VXLAN id, the hosts it spans, and its own namespace as the kernel has it. */
  overlay: OverlayInfo | null;
  /** Docker's endpoints on it that belong to no container: swarm's load balancer (`lb-<network>`), the ingress sandbox. */
  sandboxEndpoints: SandboxEndpoint[];
}

export interface OverlayInfo {
  /** The VXLAN id (com.docker.network.driver.overlay.vxlanid_list); null when Docker does not say. */
  vni: number | null;
  /** The swarm nodes it spans, as Docker lists them. */
  peers: Array<{ name: string; ip: string }>;
  /**
   * Its own network namespace on this host (a bridge, a vxlan device, a veth per endpoint), read through a
   * running container on it; null without the helper or without such a container.
   */
  namespace: OverlayNamespace | null;
  /** A swarm network followed on several engines (NetworkInfo.spans): each engine's own part of it, in the order of spans. */
  nodes?: OverlayNodePart[];
}

/** One node's part of an overlay network: its end of the VXLAN tunnels, as its own engine and kernel have it. */
export interface OverlayNodePart {
  /** The engine (HostState.name). */
  host: string;
  /** Its underlay address (EngineInfo.swarmAddress); null when its engine did not say. */
  address: string | null;
  /** The underlay addresses its engine lists as this network's peers (Docker's Peers, itself included). */
  peers: string[];
  /** The host interface its tunnels leave by (EngineInfo.swarmInterface); null without the kernel view. */
  underlay: { name: string; mtu: number } | null;
  namespace: OverlayNamespace | null;
}

export interface OverlayNamespace {
  bridge: { name: string; ifindex: number; mac: string; mtu: number; state: string; addresses: string[] } | null;
  /** stats: its counters (tx: encapsulated towards the other nodes, rx: from them), when the kernel reported them. */
  vxlan: {
    name: string;
    ifindex: number;
    mac: string;
    mtu: number;
    state: string;
    vni: number | null;
    stats: TrafficCounters | null;
  } | null;
  /** The bridge's veths: each the other end of an endpoint's interface (containerId null: one of Docker's sandboxes). */
  ports: Array<{ name: string; ifindex: number; state: string; containerId: string | null; ifname: string | null }>;
}

export interface SandboxEndpoint {
  /** Docker's key for it: `lb-<network>`, `ingress-sbox`. */
  sandbox: string;
  name: string;
  endpointId: string;
  ipv4: string | null;
  mac: string | null;
}

/** How a container's network namespace was made (`docker run --network …`). */
export type NetworkModeKind = 'bridge' | 'host' | 'none' | 'container' | 'network';

export interface ContainerInfo {
  /** The engine it runs on, when several are followed (Topology.hosts). */
  host?: string;
  id: string;
  name: string;
  image: string;
  /** created, running, paused, restarting, removing, exited, dead. */
  state: string;
  /** Docker's human text, e.g. "Up 3 minutes". */
  status: string;
  /** "bridge" | "host" | "none" | "container" | a user-defined network's name. */
  networkMode: string;
  networkModeKind: NetworkModeKind;
  /** For `container:<x>` mode: the id of the container whose namespace it shares. */
  netnsOwner: string | null;
  /** PID of the container's init process while it runs, else null. */
  pid: number | null;
  endpoints: EndpointInfo[];
  ports: PortInfo[];
  labels: Record<string, string>;
  /** How it resolves names: its resolv.conf, and what was asked for with --dns and friends. */
  dns: ContainerDns;
  /**
   * What listens in its namespace (helper): TCP in LISTEN, UDP bound, with the address as the kernel has it
   * ("0.0.0.0", "::", "127.0.0.1"…); Docker's own DNS sockets on 127.0.0.11 are left out. Null when not read.
   */
  listening: ListeningSocket[] | null;
  /**
   * What the kernel view of its namespace leaves out, in words: a namespace past the helper's bounds (a
   * container that made a million routes) is read as far as the bounds. Empty when it was read whole.
   */
  namespaceTruncated: string[];
}

export interface ListeningSocket {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
}

/** A namespace's sockets without Docker's embedded DNS (which listens on 127.0.0.11 in every user-defined container). */
export const containersOwnSockets = (sockets: ListeningSocket[]) => sockets.filter((s) => s.address !== EMBEDDED_DNS_SERVER);

/** What listens in a container on one port (none when not read). */
export const socketsOn = (container: ContainerInfo, protocol: string, port: number | null) =>
  (container.listening ?? []).filter((s) => s.protocol === protocol && s.port === port);

/** Whether a listening address takes connections only from inside the namespace. */
export const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

/** Docker's embedded DNS server, as a container's resolv.conf names it. */
export const EMBEDDED_DNS_SERVER = '127.0.0.11';

export interface ContainerDns {
  /** As the container's /etc/resolv.conf has them (read by the helper); empty when it was not read. */
  nameservers: string[];
  search: string[];
  options: string[];
  /** It asks Docker's embedded DNS server (127.0.0.11), which answers for names on its user-defined networks. */
  embedded: boolean;
  /** What was asked for with --dns, --dns-search and --dns-option. */
  configured: { servers: string[]; search: string[]; options: string[] };
  /** --add-host entries, "name:address", as /etc/hosts has them. */
  extraHosts: string[];
  /** Why resolv.conf was not read (no kernel view, not running, unreadable); null when it was. */
  unread: string | null;
}

export interface EndpointInfo {
  networkId: string;
  networkName: string;
  endpointId: string;
  /** eth0, eth1… as the kernel names it; null when the kernel was not read. */
  ifname: string | null;
  /** The container-side interface's index in its namespace (kernel). */
  ifindex: number | null;
  /** The host end of the veth pair, paired by ifindex and namespace id (kernel). */
  hostVeth: { name: string; ifindex: number } | null;
  /** "a.b.c.d/len", or null when the endpoint has no IPv4 address. */
  ipv4: string | null;
  /** "x::y/len", or null. */
  ipv6: string | null;
  mac: string | null;
  gateway: string | null;
  ipv6Gateway: string | null;
  /** Names other containers on this network can resolve it by (if the network gives DNS). */
  aliases: string[];
  /**
   * Its traffic counters when the kernel was read (helper), on the container's side: tx is what the container
   * sent. Totals at that moment; live rates come from sampling (the `counters` call).
   */
  stats: TrafficCounters | null;
}

export interface PortInfo {
  containerPort: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
}

/** The backend's connection to the Docker engine, as the UI shows it. */
export interface EngineStatus {
  /**
   * unresponsive: connected, but the engine has stopped answering (hung); the graph may be out of date.
   * snapshot: no engine at all: a saved Topology is shown read-only (`dockwire serve --snapshot FILE`).
   */
  state: 'connecting' | 'live' | 'reconnecting' | 'unresponsive' | 'snapshot';
  /** The endpoint tried, and how it was chosen (DOCKER_HOST, a context…); for a snapshot, its engine's, and the file. */
  endpoint: string;
  source: string;
  /** Why the last attempt failed, while not live. */
  error: string | null;
  /** When the next attempt is due (ISO time), while reconnecting. */
  retryAt: string | null;
  /** While unresponsive: when the engine last answered (ISO time). */
  silentSince?: string | null;
}
