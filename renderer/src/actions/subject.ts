/** What an action acts on, resolved from the selection against the Topology (pure). */
import type { ContainerInfo, EndpointInfo, NetworkInfo, Topology, UnmanagedLink } from '../../../common/topology';
import type { Selection, View } from '../store/slices';

export type Subject =
  | { kind: 'container'; container: ContainerInfo }
  | { kind: 'network'; network: NetworkInfo }
  | { kind: 'endpoint'; container: ContainerInfo; endpoint: EndpointInfo; network: NetworkInfo }
  | { kind: 'link'; link: UnmanagedLink; container: ContainerInfo | null }
  | { kind: 'none' };

export interface ActionContext {
  topology: Topology;
  subject: Subject;
  /** What is on screen: on a snapshot, some actions (open, compare, back) mean other things. */
  view?: View;
  /** Why nothing may be changed or tested here (a snapshot, a ghost of one); only view-only actions apply then. */
  readOnly?: string | null;
  /** The same for another subject than the selection (a drop's network, which may be a snapshot's ghost). */
  readOnlyOf?(subject: Subject): string | null;
}

export function subjectOf(topology: Topology, selection: Selection | null): Subject {
  if (!selection) return { kind: 'none' };
  const containerById = (id: string) => topology.containers.find((c) => c.id === id);
  switch (selection.kind) {
    case 'container': {
      const container = containerById(selection.id);
      return container ? { kind: 'container', container } : { kind: 'none' };
    }
    case 'network': {
      const network = topology.networks.find((n) => n.id === selection.id);
      return network ? { kind: 'network', network } : { kind: 'none' };
    }
    case 'endpoint': {
      const container = containerById(selection.containerId);
      const endpoint = container?.endpoints.find((e) => e.networkId === selection.networkId);
      const network = topology.networks.find((n) => n.id === selection.networkId);
      return container && endpoint && network ? { kind: 'endpoint', container, endpoint, network } : { kind: 'none' };
    }
    case 'link': {
      const link = topology.unmanagedLinks.find((l) => l.ifindex === selection.ifindex);
      return link
        ? { kind: 'link', link, container: link.peer?.containerId ? (containerById(link.peer.containerId) ?? null) : null }
        : { kind: 'none' };
    }
  }
}
