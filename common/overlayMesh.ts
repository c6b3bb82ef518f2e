/**
 * A swarm network followed on several engines, as the mesh of VXLAN tunnels it is: each node's end (its
 * underlay address, its overlay namespace's br0 and vxlan0) and a tunnel between every two nodes. A tunnel is
 * up when each node's engine lists the other's underlay address among the network's peers; when one does not,
 * that node has nowhere to send the other's packets (the swarm's gossip on 7946 did not tell it). Pure.
 */
import type { NetworkInfo, OverlayNodePart } from './topology.js';

export interface Tunnel {
  from: string;
  to: string;
  /** up: both list each other; missing: one or both do not; unknown: an underlay address is not known. */
  state: 'up' | 'missing' | 'unknown';
  /** What is wrong with it, in words; null when up. */
  why: string | null;
}

export interface OverlayMesh {
  ends: OverlayNodePart[];
  tunnels: Tunnel[];
  /** Peers' underlay addresses that belong to no engine followed (nodes of the swarm not in this picture). */
  elsewhere: string[];
}

export function overlayMesh(network: NetworkInfo): OverlayMesh | null {
  const ends = network.overlay?.nodes;
  if (!ends || ends.length < 2) return null;
  const tunnels: Tunnel[] = [];
  for (let i = 0; i < ends.length; i++)
    for (let j = i + 1; j < ends.length; j++) tunnels.push(tunnelBetween(network.name, ends[i]!, ends[j]!));
  const followed = new Set(ends.map((end) => end.address));
  const elsewhere = [...new Set(ends.flatMap((end) => end.peers))].filter((ip) => !followed.has(ip)).sort();
  return { ends, tunnels, elsewhere };
}

function tunnelBetween(network: string, a: OverlayNodePart, b: OverlayNodePart): Tunnel {
  const base = { from: a.host, to: b.host };
  const unknown = [a, b].filter((end) => end.address === null).map((end) => end.host);
  if (unknown.length)
    return {
      ...base,
      state: 'unknown',
      why: `${unknown.join(' and ')} did not say ${unknown.length === 1 ? 'its' : 'their'} underlay address (is the engine in the swarm?)`,
    };
  const blind = [
    [a, b],
    [b, a],
  ]
    .filter(([self, other]) => !self!.peers.includes(other!.address!))
    .map(([self, other]) => `${self!.host} lists no peer at ${other!.address} for ${network}`);
  if (!blind.length) return { ...base, state: 'up', why: null };
  return {
    ...base,
    state: 'missing',
    why: `${blind.join('; ')}: its VXLAN packets for the other have nowhere to go. The swarm’s gossip (TCP and UDP 7946) tells each node its peers: check that it passes between the two and that both are Ready in docker node ls.`,
  };
}

/** A node's end of the tunnels in short lines: its overlay namespace's bridge, its vxlan device, what it carried. */
export function describeTunnelEnd(end: OverlayNodePart): string[] {
  const ns = end.namespace;
  if (!ns) return ['overlay namespace not read:', 'no running container on it here,', 'or no kernel view'];
  const stats = ns.vxlan?.stats;
  const ports = `${ns.ports.length} port${ns.ports.length === 1 ? '' : 's'}`;
  return [
    ns.bridge ? `${ns.bridge.name} ${ns.bridge.addresses[0] ?? ''}`.trim() : 'no bridge',
    ns.vxlan ? `${ns.vxlan.name} VNI ${ns.vxlan.vni ?? '?'} · MTU ${ns.vxlan.mtu}` : 'no vxlan device',
    stats ? `${ports} · packets out ${stats.txPackets} · in ${stats.rxPackets}` : ports,
  ];
}

/** What VXLAN adds to each frame on the underlay (IPv4): outer IP 20, UDP 8, VXLAN 8, the inner Ethernet header 14. */
export const VXLAN_OVERHEAD = 50;

/**
 * A node whose overlay MTU no longer fits its underlay once VXLAN's headers are added: the full-size frames
 * of its containers are fragmented on the underlay (or dropped, wherever fragments do not pass) while small
 * ones (pings, handshakes) pass. Null when it fits or a side is not known.
 */
export function mtuProblem(end: Pick<OverlayNodePart, 'host' | 'namespace' | 'underlay'>): string | null {
  const vxlan = end.namespace?.vxlan;
  const underlay = end.underlay;
  if (!vxlan || !underlay || vxlan.mtu + VXLAN_OVERHEAD <= underlay.mtu) return null;
  const fits = underlay.mtu - VXLAN_OVERHEAD;
  return `On ${end.host}, ${vxlan.name}’s MTU ${vxlan.mtu} plus ${VXLAN_OVERHEAD} bytes of VXLAN headers is ${vxlan.mtu + VXLAN_OVERHEAD}, more than ${underlay.name}’s MTU ${underlay.mtu}: frames over ${fits} bytes are fragmented on the underlay, or dropped wherever fragments do not pass, while pings and handshakes get through. Give the overlay an MTU of ${fits} or less (docker network create --opt com.docker.network.driver.mtu=${fits} …), or raise ${underlay.name}’s MTU.`;
}
