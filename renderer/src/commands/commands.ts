/**
 * The user's changes as named commands: each gesture (drag, menu, key) ends
 * in one of these, so all ways of doing a thing behave the same.
 */
import type { ContainerAction, ConnectSpec, NetworkSpec, RunSpec } from '../../../common/specs';
import type { Topology } from '../../../common/topology';
import { client } from '../client/instance';
import { useDockwire } from '../store/store';
import { perform } from './perform';

const nameOf = (topology: Topology | null, kind: 'container' | 'network', id: string) =>
  (kind === 'container' ? topology?.containers : topology?.networks)?.find((x) => x.id === id)?.name ?? id.slice(0, 12);

export const commands = {
  connect(spec: ConnectSpec, names: { container: string; network: string }) {
    return perform(
      { doing: `Connecting ${names.container} to ${names.network}…`, done: `Connected ${names.container} to ${names.network}.` },
      () => client().connect(spec),
    );
  },

  /** Asks first: disconnecting cuts the container off that network. */
  confirmDisconnect(containerId: string, networkId: string) {
    const topology = useDockwire.getState().topology;
    const container = nameOf(topology, 'container', containerId);
    const network = nameOf(topology, 'network', networkId);
    useDockwire.getState().openDialog({
      kind: 'confirm',
      title: `Disconnect ${container} from ${network}?`,
      body: `${container} loses its interface and address on ${network}; containers there can no longer reach it by name.`,
      confirmLabel: 'Disconnect',
      run: () =>
        perform({ doing: `Disconnecting ${container} from ${network}…`, done: `Disconnected ${container} from ${network}.` }, () =>
          client().disconnect({ container: containerId, network: networkId }),
        ),
    });
  },

  /** Asks first: unwiring deletes the hand-made veth pair. */
  confirmUnwire(ifindex: number) {
    const topology = useDockwire.getState().topology;
    const link = topology?.unmanagedLinks.find((l) => l.ifindex === ifindex);
    const containerId = link?.peer?.containerId;
    if (!link || !containerId) return;
    const container = nameOf(topology, 'container', containerId);
    useDockwire.getState().openDialog({
      kind: 'confirm',
      title: `Unwire ${link.peer!.ifname} from ${container}?`,
      body: `Deletes the veth pair ${link.name} <-> ${link.peer!.ifname}: ${container} loses that interface and its addresses ${link.peer!.addresses.join(', ') || ''}.`,
      confirmLabel: 'Unwire',
      run: () =>
        perform({ doing: `Unwiring ${link.name}…`, done: `Unwired ${link.peer!.ifname} from ${container}.` }, () =>
          client().unwire({ container: containerId, ifname: link.peer!.ifname }),
        ),
    });
  },

  createNetwork(spec: NetworkSpec) {
    return perform({ doing: `Creating network ${spec.name}…`, done: `Created network ${spec.name}.` }, () => client().createNetwork(spec));
  },

  /** Removing a network in use offers to disconnect its containers first. */
  confirmRemoveNetwork(networkId: string) {
    const topology = useDockwire.getState().topology;
    const network = topology?.networks.find((n) => n.id === networkId);
    if (!network) return;
    if (network.predefined) {
      useDockwire.getState().openDialog({
        kind: 'confirm',
        title: `${network.name} cannot be removed`,
        body: `${network.name} is one of Docker’s own networks (bridge, host, none): it cannot be removed.`,
        confirmLabel: '',
        run: async () => {},
      });
      return;
    }
    // Stopped containers too: Docker would remove the network under them, and they could not start again.
    const attached = (topology?.containers ?? [])
      .filter((c) => c.endpoints.some((e) => e.networkId === networkId))
      .map((c) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`));
    useDockwire.getState().openDialog({
      kind: 'confirm',
      title: `Remove network ${network.name}?`,
      body: attached.length
        ? `${network.name} is in use by ${attached.join(', ')}. Dockwire will disconnect ${attached.length > 1 ? 'them' : 'it'} first, and reconnect ${attached.length > 1 ? 'them' : 'it'} if the removal fails.`
        : `Nothing is attached to ${network.name}.`,
      confirmLabel: attached.length ? `Disconnect ${attached.length} and remove` : 'Remove',
      run: () =>
        perform({ doing: `Removing network ${network.name}…`, done: `Removed network ${network.name}.` }, () =>
          client().removeNetwork({ network: networkId, disconnectFirst: attached.length > 0 }),
        ),
    });
  },

  runContainer(spec: RunSpec) {
    const label = spec.name ?? spec.image;
    return perform({ doing: `Starting ${label}…`, done: `Started ${label}.` }, () => client().runContainer(spec));
  },

  containerAction(containerId: string, action: ContainerAction) {
    const name = nameOf(useDockwire.getState().topology, 'container', containerId);
    const run = () =>
      perform({ doing: `${verbs[action][0]} ${name}…`, done: `${verbs[action][1]} ${name}.` }, () =>
        client().containerAction({ container: containerId, action }),
      );
    if (action !== 'remove' && action !== 'stop') return run();
    useDockwire.getState().openDialog({
      kind: 'confirm',
      title: `${action === 'remove' ? 'Remove' : 'Stop'} ${name}?`,
      body:
        action === 'remove'
          ? `${name} is stopped if it runs, and deleted with its endpoints.`
          : `${name} stops; its endpoints lose their addresses until it starts again.`,
      confirmLabel: action === 'remove' ? 'Remove' : 'Stop',
      run,
    });
    return Promise.resolve(null);
  },
};

const verbs: Record<ContainerAction, [string, string]> = {
  start: ['Starting', 'Started'],
  stop: ['Stopping', 'Stopped'],
  restart: ['Restarting', 'Restarted'],
  remove: ['Removing', 'Removed'],
};
