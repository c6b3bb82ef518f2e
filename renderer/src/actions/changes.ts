/**
 * Every change Dockwire makes to a host, as data: what to say while it runs and once it is done, the command a
 * person would type to make it, and the call that makes it. Pure: builds data; ./perform.ts carries it out.
 */
import type { WirePlan, WireSpec } from '../../../common/wirePlan';
import {
  dockerContainerAction,
  dockerNetworkConnect,
  dockerNetworkCreate,
  dockerNetworkDisconnect,
  dockerNetworkRm,
  dockerRunCommand,
  dockwireUnwire,
  dockwireWire,
  type Names,
} from '../../../common/equivalentCommands';
import type { ConnectSpec, ContainerAction, NetworkSpec, RunSpec } from '../../../common/specs';
import { containerNodeId, networkNodeId } from '../layout/ids';
import type { Change } from '../store/change';

export type { AnyChange, Change } from '../store/change';

export const connectChange = (spec: ConnectSpec, names: Names): Change => ({
  doing: `Connecting ${names.container} to ${names.network}…`,
  done: `Connected ${names.container} to ${names.network}.`,
  command: dockerNetworkConnect(spec, names),
  call: (client) => client.connect(spec),
  // The new wire runs from the card to the network's bus.
  reveal: [containerNodeId(spec.container), networkNodeId(spec.network)],
});

export const disconnectChange = (ids: { container: string; network: string }, names: Names): Change => ({
  doing: `Disconnecting ${names.container} from ${names.network}…`,
  done: `Disconnected ${names.container} from ${names.network}.`,
  command: dockerNetworkDisconnect(names),
  call: (client) => client.disconnect(ids),
});

export const createNetworkChange = (spec: NetworkSpec): Change => ({
  doing: `Creating network ${spec.name}…`,
  done: `Created network ${spec.name}.`,
  command: dockerNetworkCreate(spec),
  call: (client) => client.createNetwork(spec),
});

/** attached: the containers the confirmation named, disconnected first (no one else: the backend refuses if more joined). */
export const removeNetworkChange = (
  network: { id: string; name: string; host?: string },
  attached: Array<{ id: string; name: string }>,
): Change => ({
  doing: `Removing network ${network.name}…`,
  done: `Removed network ${network.name}.`,
  command: dockerNetworkRm(
    network.name,
    attached.map((c) => c.name),
    network.host,
  ),
  call: (client) => client.removeNetwork({ network: network.id, ...(attached.length ? { disconnect: attached.map((c) => c.id) } : {}) }),
});

export const runContainerChange = (spec: RunSpec): Change<{ name: string }> => ({
  doing: `Starting ${spec.name ?? spec.image}…`,
  done: (result) => `Started ${result.name}.`,
  command: dockerRunCommand(spec),
  call: (client) => client.runContainer(spec),
});

/** Run an image the engine does not have: pull it (progress as `pullProgress` events with this pullId), then run it. */
export const pullAndRunChange = (spec: RunSpec, pullId: number): Change<{ name: string }> => ({
  doing: `Pulling ${spec.image}, then starting ${spec.name ?? 'it'}…`,
  done: (result) => `Pulled ${spec.image} and started ${result.name}.`,
  command: `${dockerRunCommand(spec).split(' run -d')[0]} pull ${spec.image} && ${dockerRunCommand(spec)}`,
  call: async (client) => {
    await client.pullImage({ ref: spec.image, pullId, ...(spec.engine === undefined ? {} : { engine: spec.engine }) });
    return client.runContainer(spec);
  },
});

const VERBS: Record<ContainerAction, [string, string]> = {
  start: ['Starting', 'Started'],
  stop: ['Stopping', 'Stopped'],
  restart: ['Restarting', 'Restarted'],
  remove: ['Removing', 'Removed'],
};

export const containerActionChange = (container: { id: string; name: string; host?: string }, action: ContainerAction): Change => ({
  doing: `${VERBS[action][0]} ${container.name}…`,
  done: `${VERBS[action][1]} ${container.name}.`,
  command: dockerContainerAction(action, container.name, container.host),
  call: (client) => client.containerAction({ container: container.id, action }),
});

export const wireChange = (spec: WireSpec & { wireId: number }, names: Names): Change<WirePlan> => ({
  doing: `Wiring ${names.container} to ${names.network} by hand…`,
  // The network is what the person chose; the bridge is how it is done.
  done: (plan) => `Wired ${plan.containerName} to ${names.network} (bridge ${plan.bridge}) by hand.`,
  command: dockwireWire(spec, names),
  call: (client) => client.wire(spec),
});

export const unwireChange = (container: { id: string; name: string }, ifname: string, hostIfname: string): Change => ({
  doing: `Unwiring ${hostIfname}…`,
  done: `Unwired ${ifname} from ${container.name}.`,
  command: dockwireUnwire(container.name, ifname),
  call: (client) => client.unwire({ container: container.id, ifname }),
});
