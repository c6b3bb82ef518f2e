import type { ReactNode } from 'react';
import type { Topology, UnmanagedLink } from '../../../common/topology';
import { handWireKey } from '../../../common/traffic';
import { TrafficChart } from './TrafficChart';
import { Fields, list } from './Fields';

/** A link the kernel has and Docker does not know about: a hand-made veth, or a bridge no network owns. */
export function LinkDetails({ link, topology }: { link: UnmanagedLink; topology: Topology }) {
  const container = link.peer?.containerId ? topology.containers.find((c) => c.id === link.peer!.containerId) : undefined;
  return (
    <>
      <h2>
        {link.kind === 'veth' ? 'Hand-made veth' : 'Bridge'} <span className="mono">{link.name}</span>
      </h2>
      <p className="muted">
        Docker does not know this {link.kind === 'veth' ? 'endpoint' : 'bridge'}: it was made outside Docker (by hand, or by another tool).
      </p>
      <Fields
        rows={[
          ['Host ifindex', link.ifindex],
          ['MAC', <span className="mono">{link.mac}</span>],
          ['State', link.state],
          ['On bridge', link.master],
          ...(link.peer?.containerId
            ? ([['Traffic', <TrafficChart wire={handWireKey(link.peer.containerId, link.ifindex)} />]] as Array<[string, ReactNode]>)
            : []),
          [
            'Other end',
            link.peer ? `${link.peer.ifname} (ifindex ${link.peer.ifindex})` : link.kind === 'veth' ? 'not found in any container' : null,
          ],
          [
            'In container',
            container?.name ?? (link.peer?.containerId ? link.peer.containerId.slice(0, 12) : link.peer ? 'the host' : null),
          ],
          ['Addresses', list(link.peer?.addresses ?? [])],
        ]}
      />
    </>
  );
}
