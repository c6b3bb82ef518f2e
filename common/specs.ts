/**
 * What a person asks Dockwire to change, as plain data: these cross the
 * contract, are checked by ./validate*.ts on both sides (as the user types,
 * and again in the backend before anything is sent to Docker).
 */

export type NetworkDriver = 'bridge' | 'macvlan' | 'ipvlan' | 'overlay';

/** Of several engines followed at once, the one to act on (a host's name, Topology.hosts); with one engine, not needed. */
export interface OnEngine {
  engine?: string;
}

export interface NetworkSpec extends OnEngine {
  name: string;
  driver: NetworkDriver;
  ipv4?: { subnet: string; gateway?: string; ipRange?: string; auxAddresses?: Record<string, string> };
  ipv6?: { subnet: string; gateway?: string };
  internal?: boolean;
  attachable?: boolean;
  /** Linux bridge options (bridge driver). */
  bridge?: { name?: string; icc?: boolean; ipMasquerade?: boolean; mtu?: number };
  /** macvlan/ipvlan: the host interface to hang off, and the mode. */
  parent?: string;
  mode?: string;
  labels?: Record<string, string>;
}

export interface ConnectSpec {
  /** Container and network, by id or name. */
  container: string;
  network: string;
  ipv4?: string;
  ipv6?: string;
  aliases?: string[];
}

export interface DisconnectSpec {
  container: string;
  network: string;
}

export interface RemoveNetworkSpec {
  network: string;
  /**
   * The containers to disconnect first, by id or name: those the user saw attached when they confirmed (they are
   * reconnected if the removal then fails). If anyone else is on the network by then, the removal is refused and
   * names them: a container that joined after the dialog opened is never disconnected unseen.
   */
  disconnect?: string[];
}

export type RunNetworkMode =
  { kind: 'network'; network: string } | { kind: 'host' } | { kind: 'none' } | { kind: 'container'; container: string };

export interface PortSpec {
  hostIp?: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface RunSpec extends OnEngine {
  image: string;
  name?: string;
  command?: string[];
  networkMode: RunNetworkMode;
  ports?: PortSpec[];
  dns?: string[];
  dnsSearch?: string[];
  /** --add-host entries, "name:address": written to the container's /etc/hosts. */
  extraHosts?: string[];
  aliases?: string[];
  labels?: Record<string, string>;
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

/** One problem with one field, said so a person can fix it. */
export interface FieldProblem {
  field: string;
  message: string;
}
