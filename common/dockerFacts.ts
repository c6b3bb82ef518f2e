/**
 * The facts the topology builder reads: the parts of Docker's inspect JSON it
 * uses (typed here so the pure layer needs no dockerode), plus what the kernel
 * says about interface names where the backend could read it.
 */
import type { HelperStatus, KernelFacts } from './kernelFacts.js';
import type { EngineInfo } from './topology.js';

export interface DockerNetworkJson {
  Id: string;
  Name: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  EnableIPv6?: boolean;
  Internal?: boolean;
  Attachable?: boolean;
  /** The swarm's routing-mesh network. */
  Ingress?: boolean;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string; IPRange?: string }> | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
  /** By container id, or a sandbox key (`lb-<network>`, `ingress-sbox`) for Docker's own endpoints. */
  Containers?: Record<string, DockerNetworkEndpointJson> | null;
  /** The swarm nodes an overlay network spans. */
  Peers?: Array<{ Name?: string; IP?: string }> | null;
}

/** An endpoint as a network's inspect lists it. */
export interface DockerNetworkEndpointJson {
  Name?: string;
  EndpointID?: string;
  MacAddress?: string;
  IPv4Address?: string;
  IPv6Address?: string;
}

/** The parts of a swarm service's inspect JSON Dockwire draws. */
export interface DockerServiceJson {
  ID: string;
  Spec?: { Name?: string; Mode?: { Replicated?: { Replicas?: number }; Global?: object; [mode: string]: unknown } } | null;
  Endpoint?: {
    Ports?: Array<{ Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string }> | null;
    VirtualIPs?: Array<{ NetworkID?: string; Addr?: string }> | null;
  } | null;
}

/** The parts of a swarm node (GET /nodes, from a manager) Dockwire draws. */
export interface DockerNodeJson {
  ID: string;
  Description?: { Hostname?: string } | null;
  Spec?: { Role?: string; Availability?: string } | null;
  Status?: { State?: string; Addr?: string; Message?: string } | null;
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

/** The parts of a swarm task (GET /tasks, from a manager) Dockwire draws: where a service's replica runs. */
export interface DockerTaskJson {
  ID: string;
  ServiceID?: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Status?: { State?: string; Err?: string; ContainerStatus?: { ContainerID?: string } | null } | null;
}

export interface DockerEndpointJson {
  NetworkID?: string;
  EndpointID?: string;
  Gateway?: string;
  IPAddress?: string;
  IPPrefixLen?: number;
  IPv6Gateway?: string;
  GlobalIPv6Address?: string;
  GlobalIPv6PrefixLen?: number;
  MacAddress?: string;
  Aliases?: string[] | null;
  DNSNames?: string[] | null;
}

export interface DockerContainerJson {
  Id: string;
  Name: string;
  /** The image id (sha256:…) it runs. */
  Image?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null; Hostname?: string } | null;
  State?: { Status?: string; Running?: boolean; Pid?: number; ExitCode?: number } | null;
  HostConfig?: {
    NetworkMode?: string;
    /** --dns, --dns-search, --dns-option, --add-host ("name:address"). */
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    DnsOptions?: string[] | null;
    ExtraHosts?: string[] | null;
  } | null;
  NetworkSettings?: {
    Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    Networks?: Record<string, DockerEndpointJson> | null;
  } | null;
}

/** An IPv4 route in a container's namespace: which interface serves which subnet. */
export interface KernelRoute {
  ifname: string;
  /** "a.b.c.d/len" */
  destination: string;
}

export interface DockerFacts {
  engine: EngineInfo;
  networks: DockerNetworkJson[];
  containers: DockerContainerJson[];
  /** Swarm services; empty when the engine is not a swarm manager. */
  services?: DockerServiceJson[];
  /** The swarm's nodes and its services' tasks; empty when the engine is not a swarm manager. */
  swarmNodes?: DockerNodeJson[];
  tasks?: DockerTaskJson[];
  /** Per container id: its namespace's IPv4 routes from /proc (used when the helper is not running). */
  kernelRoutes: Record<string, KernelRoute[]>;
  /** What the native helper read, when it runs. */
  kernel: KernelFacts | null;
  helper: HelperStatus;
  /** The id of the helper image Dockwire verified, whose containers are left out of the graph. */
  helperImageId?: string | null;
}
