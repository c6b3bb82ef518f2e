/**
 * Pure: joins Docker's endpoints with the kernel's links. Veth ends are paired
 * by ifindex both ways and by namespace id, never by name (names repeat:
 * every container has an eth0).
 */
import type { KernelFacts, KernelLink, KernelNamespace } from './kernelFacts.js';
import type { BridgeInfo, NetworkInfo, TrafficCounters, UnmanagedLink } from './topology.js';
import { fromOtherEnd } from './traffic.js';

/** The container-side link holding an endpoint: by its IPv4 address, else by its MAC. */
export function containerLinkFor(namespace: KernelNamespace | undefined, ipv4: string | null, mac: string | null): KernelLink | null {
  if (!namespace) return null;
  const address = ipv4?.split('/')[0];
  return (
    (address && namespace.links.find((link) => link.addresses.some((a) => a.family === 'inet' && a.address === address))) ||
    (mac && namespace.links.find((link) => link.mac === mac)) ||
    null
  );
}

/** The host's links by ifindex, made once per list (a Topology of 1000 containers looks up 1000 veths in it). */
const hostLinksByIfindex = new WeakMap<KernelLink[], Map<number, KernelLink>>();

function byIfindex(hostLinks: KernelLink[]): Map<number, KernelLink> {
  let index = hostLinksByIfindex.get(hostLinks);
  if (!index) {
    index = new Map(hostLinks.map((link) => [link.ifindex, link]));
    hostLinksByIfindex.set(hostLinks, index);
  }
  return index;
}

/** The host end of a container-side veth: each names the other's ifindex, and the host end names this namespace. */
export function hostVethFor(containerLink: KernelLink, namespace: KernelNamespace, hostLinks: KernelLink[]): KernelLink | null {
  if (containerLink.kind !== 'veth' || containerLink.peerIfindex === null) return null;
  // Ifindexes are unique within the host's namespace: the one link with the peer's ifindex is it, or none is.
  const link = byIfindex(hostLinks).get(containerLink.peerIfindex);
  return link && link.kind === 'veth' && link.peerIfindex === containerLink.ifindex && link.linkNetnsid === namespace.nsid ? link : null;
}

export function bridgeInfo(name: string, hostLinks: KernelLink[] | null): BridgeInfo {
  const link = hostLinks?.find((l) => l.name === name && l.kind === 'bridge');
  if (!link) return { name, ifindex: null, mac: null, mtu: null, state: null, addresses: [], ports: [] };
  const ports = hostLinks!
    .filter((l) => l.master === link.ifindex)
    .map((l) => l.name)
    .sort();
  const addresses = link.addresses.filter((a) => a.family === 'inet').map((a) => `${a.address}/${a.prefixlen}`);
  return { name, ifindex: link.ifindex, mac: link.mac, mtu: link.mtu, state: link.operstate, addresses, ports };
}

/**
 * Host veths no Docker endpoint claims (made by hand, like the seed's A/B
 * pair), and bridges no Docker network owns.
 */
export function unmanagedLinks(kernel: KernelFacts, claimedHostIfindexes: Set<number>, networks: NetworkInfo[]): UnmanagedLink[] {
  const hostByIfindex = byIfindex(kernel.hostLinks);
  const networkByBridge = new Map(networks.filter((n) => n.bridge).map((n) => [n.bridge!.name, n.id]));
  const namespaceByNsid = new Map<number, [string, KernelNamespace]>();
  for (const [containerId, namespace] of Object.entries(kernel.namespaces)) {
    if (namespace.nsid >= 0 && !namespaceByNsid.has(namespace.nsid)) namespaceByNsid.set(namespace.nsid, [containerId, namespace]);
  }
  // Docker's own sandboxes (the ingress sandbox on docker_gwbridge) hang veths on its bridges whose other end is
  // in a namespace of no container: as many such veths as the bridge's network lists sandboxes are Docker's.
  const sandboxSlots = new Map(networks.filter((n) => n.bridge).map((n) => [n.bridge!.name, n.sandboxEndpoints.length]));
  const result: UnmanagedLink[] = [];
  for (const link of kernel.hostLinks) {
    const master = link.master !== null ? (hostByIfindex.get(link.master)?.name ?? null) : null;
    const base = {
      name: link.name,
      ifindex: link.ifindex,
      mac: link.mac,
      state: link.operstate,
      master,
      networkId: master ? (networkByBridge.get(master) ?? null) : null,
    };
    if (link.kind === 'bridge' && !networkByBridge.has(link.name)) {
      result.push({ kind: 'bridge', ...base, peer: null, stats: link.stats ?? null });
    } else if (link.kind === 'veth' && !claimedHostIfindexes.has(link.ifindex)) {
      const peer = vethPeer(link, hostByIfindex, namespaceByNsid);
      const slots = master ? (sandboxSlots.get(master) ?? 0) : 0;
      if (!peer && link.linkNetnsid !== null && !namespaceByNsid.has(link.linkNetnsid) && slots > 0) {
        sandboxSlots.set(master!, slots - 1);
        continue;
      }
      result.push({ kind: 'veth', ...base, peer, stats: vethStats(link, peer, namespaceByNsid) });
    }
  }
  return result;
}

function vethPeer(
  link: KernelLink,
  hostByIfindex: Map<number, KernelLink>,
  namespaceByNsid: Map<number, [string, KernelNamespace]>,
): UnmanagedLink['peer'] {
  if (link.peerIfindex === null) return null;
  const describe = (containerId: string | null, peer: KernelLink) => ({
    containerId,
    ifname: peer.name,
    ifindex: peer.ifindex,
    addresses: peer.addresses.filter((a) => a.family === 'inet').map((a) => `${a.address}/${a.prefixlen}`),
  });
  if (link.linkNetnsid === null) {
    const peer = hostByIfindex.get(link.peerIfindex);
    return peer ? describe(null, peer) : null; // both ends on the host
  }
  const owner = namespaceByNsid.get(link.linkNetnsid);
  const peer = owner?.[1].links.find((l) => l.ifindex === link.peerIfindex && l.peerIfindex === link.ifindex);
  return owner && peer ? describe(owner[0], peer) : null;
}

/** A hand-made veth's counters from its container end (tx: what the container sent), else the host end's turned round. */
function vethStats(
  link: KernelLink,
  peer: UnmanagedLink['peer'],
  namespaceByNsid: Map<number, [string, KernelNamespace]>,
): TrafficCounters | null {
  const inContainer =
    peer?.containerId && link.linkNetnsid !== null
      ? namespaceByNsid.get(link.linkNetnsid)?.[1].links.find((l) => l.ifindex === peer.ifindex)?.stats
      : undefined;
  if (inContainer) return inContainer;
  return link.stats ? fromOtherEnd(link.stats) : null;
}
