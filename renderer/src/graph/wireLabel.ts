/**
 * Pure: the text on a wire. Docker endpoints read `vethXXXX ↔ eth0`, address,
 * MAC; hand-made links read the same way and say they were wired by hand.
 */
import type { ContainerInfo, EndpointInfo, UnmanagedLink } from '../../../common/topology';

export function endpointLabel(container: ContainerInfo, endpoint: EndpointInfo): string[] {
  if (container.networkModeKind === 'host') return ['uses the host’s interfaces'];
  if (!endpoint.endpointId) return ['not running'];
  const ifname = endpoint.ifname ?? 'eth?';
  const lines = [endpoint.hostVeth ? `${endpoint.hostVeth.name} ↔ ${ifname}` : ifname];
  if (endpoint.ipv4) lines.push(endpoint.ipv4);
  if (endpoint.ipv6) lines.push(endpoint.ipv6);
  if (endpoint.mac) lines.push(endpoint.mac);
  return lines;
}

export function handWiredLabel(link: UnmanagedLink): string[] {
  const peer = link.peer;
  return [`${link.name} ↔ ${peer?.ifname ?? '?'}`, peer?.addresses.join(' ') || 'no address', 'wired by hand'];
}
