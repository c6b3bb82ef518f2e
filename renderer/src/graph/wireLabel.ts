/**
 * Pure: the text on a wire. Docker endpoints read `vethXXXX ↔ eth0`, address,
 * MAC (an overlay endpoint's other end is in the overlay's own namespace,
 * on its bridge); hand-made links read the same way and say they were wired by hand.
 */
import type { ContainerInfo, EndpointInfo, NetworkInfo, UnmanagedLink } from '../../../common/topology';

/** An endpoint on an overlay network: the network, and its veth's other end on the bridge in the overlay's namespace. */
export type OverlayEnd = { network: NetworkInfo; end: { name: string } | null } | null;

export function endpointLabel(container: ContainerInfo, endpoint: EndpointInfo, overlay: OverlayEnd = null): string[] {
  if (container.networkModeKind === 'host') return ['uses the host’s interfaces'];
  if (!endpoint.endpointId) return ['not running'];
  const ifname = endpoint.ifname ?? 'eth?';
  const bridge = overlay?.network.overlay?.namespace?.bridge?.name;
  const lines = [
    endpoint.hostVeth
      ? `${endpoint.hostVeth.name} ↔ ${ifname}`
      : overlay?.end && bridge
        ? `${overlay.end.name} ↔ ${ifname} (on ${bridge} in the overlay's netns)`
        : ifname,
  ];
  if (endpoint.ipv4) lines.push(endpoint.ipv4);
  if (endpoint.ipv6) lines.push(endpoint.ipv6);
  if (endpoint.mac) lines.push(endpoint.mac);
  return lines;
}

export function handWiredLabel(link: UnmanagedLink): string[] {
  const peer = link.peer;
  return [`${link.name} ↔ ${peer?.ifname ?? '?'}`, peer?.addresses.join(' ') || 'no address', 'wired by hand'];
}
