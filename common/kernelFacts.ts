/**
 * Kernel facts as the native helper reports them (rtnetlink), typed for the
 * pure topology builder.
 */

export interface KernelAddress {
  family: 'inet' | 'inet6';
  address: string;
  prefixlen: number;
}

export interface KernelLink {
  ifindex: number;
  name: string;
  /** veth, bridge, macvlan, ipvlan, vxlan, loopback, device… */
  kind: string;
  mac: string;
  mtu: number;
  operstate: string;
  up: boolean;
  /** ifindex of the bridge this link is a port of. */
  master: number | null;
  /** For a veth: the ifindex of its other end, in the namespace named by linkNetnsid. */
  peerIfindex: number | null;
  linkNetnsid: number | null;
  addresses: KernelAddress[];
}

export interface KernelRouteEntry {
  family: 'inet' | 'inet6';
  destination: string;
  gateway: string;
  ifindex: number;
  prefsrc: string;
}

export interface KernelNamespace {
  pid: number;
  /** The id the host namespace gives this namespace (-1 when none is assigned). */
  nsid: number;
  links: KernelLink[];
  routes: KernelRouteEntry[];
  error?: string;
}

export interface KernelFacts {
  hostLinks: KernelLink[];
  /** By container id: the namespace of that container's process. */
  namespaces: Record<string, KernelNamespace>;
}

export type HelperMode = 'container' | 'local' | 'unavailable' | 'off';

export interface HelperStatus {
  mode: HelperMode;
  /** Why the helper is unavailable or off; null when it runs. */
  reason: string | null;
  /** Something worth saying while it runs, e.g. that it was restarted after it stopped answering. */
  notice?: string | null;
}
