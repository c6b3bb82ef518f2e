/**
 * Why a test between containers on two swarm nodes failed, from the kernel's own counters: each node's vxlan
 * device in the overlay's namespace counts what it encapsulated towards the other nodes (tx) and what it took
 * in from them (rx). Read before and after the same probe is sent again: packets that left one node and never
 * arrived at the other were dropped on the way, UDP 4789 (a firewall on either host, or between them); a node
 * that sent nothing has no peer entry for the other. Pure: the readings in, a diagnosis (or none) out.
 */
import type { Diagnosis } from './testReport.js';
import type { TrafficCounters } from './topology.js';

export interface NodeEnd {
  /** The host's name among the engines followed. */
  host: string;
  /** Its underlay address (the swarm's view of the node), or null when not known. */
  address: string | null;
  /** Its vxlan device's counters before and after the probe was sent again. */
  before: TrafficCounters;
  after: TrafficCounters;
}

export interface AcrossNodes {
  network: string;
  vni: number | null;
  from: NodeEnd;
  to: NodeEnd;
}

const at = (end: NodeEnd) => (end.address ? `${end.host} (${end.address})` : end.host);
const grew = (end: NodeEnd, key: 'txPackets' | 'rxPackets') => Math.max(0, end.after[key] - end.before[key]);
const ALLOW =
  'Allow UDP 4789 (VXLAN, the overlay’s packets) and TCP and UDP 7946 (the swarm’s gossip) between the nodes: in both hosts’ firewalls and anything between them.';

/**
 * What the tunnel did with the probe sent again: nothing sent (no peer entry), sent and lost on the way there,
 * arrived and answered but the answers lost on the way back, or carried both ways (what failed is beyond it).
 */
export type TunnelVerdict = 'no-peer' | 'blocked-there' | 'blocked-back' | 'carried';

export function tunnelVerdict({ from, to }: Pick<AcrossNodes, 'from' | 'to'>): TunnelVerdict {
  if (grew(from, 'txPackets') === 0) return 'no-peer';
  if (grew(to, 'rxPackets') === 0) return 'blocked-there';
  if (grew(to, 'txPackets') > 0 && grew(from, 'rxPackets') === 0) return 'blocked-back';
  return 'carried';
}

export function diagnoseAcrossNodes(across: AcrossNodes): Diagnosis | null {
  const { network, vni, from, to } = across;
  const sent = grew(from, 'txPackets');
  const arrived = grew(to, 'rxPackets');
  const overlay = `${network}${vni !== null ? ` (VXLAN ${vni})` : ''}`;
  switch (tunnelVerdict(across)) {
    case 'no-peer':
      return {
        code: 'vxlan-no-peer',
        text: `${at(from)} sent no VXLAN packet for ${overlay} towards ${at(to)} while the probe ran: its overlay namespace has no entry for where that address is (the swarm’s gossip on TCP/UDP 7946 tells every node where the others’ containers are, and did not tell ${from.host} this one: 7946 does not pass between the nodes, or a node left). Check that the nodes see each other in docker node ls, and that TCP and UDP 7946 pass between them in both hosts’ firewalls.`,
      };
    case 'blocked-there':
      return {
        code: 'vxlan-blocked',
        text: `${at(from)} sent ${sent} VXLAN packet${sent === 1 ? '' : 's'} for ${overlay} towards ${at(to)}, and ${to.host}’s vxlan device received none: UDP 4789 does not pass from ${from.host} to ${to.host}. ${ALLOW}`,
      };
    case 'blocked-back': {
      const answered = grew(to, 'txPackets');
      return {
        code: 'vxlan-blocked',
        text: `${at(to)} received ${arrived} VXLAN packet${arrived === 1 ? '' : 's'} for ${overlay} and sent ${answered} back, and ${from.host}’s vxlan device received none: UDP 4789 does not pass from ${to.host} to ${from.host}. ${ALLOW}`,
      };
    }
    case 'carried':
      return null;
  }
}
