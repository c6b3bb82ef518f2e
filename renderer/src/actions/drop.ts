/**
 * Dropping a container on a network, decided (pure): connect it (a dialog
 * with the defaults, Enter to accept), or with Shift wire it to the bridge by
 * hand; or say plainly why not (also when it is a snapshot, or a ghost of one, that is on screen). The same answer drives the highlight while
 * dragging, so what is shown allowed is what the drop does.
 */
import { endpointOn } from '../../../common/attachment';
import type { ContainerInfo, NetworkInfo } from '../../../common/topology';
import type { Effect } from './effects';

export type DropVerdict = { allowed: true; effect: Effect } | { allowed: false; reason: string };

export function dropVerdict(container: ContainerInfo, network: NetworkInfo, byHand: boolean, readOnly: string | null = null): DropVerdict {
  if (readOnly) return { allowed: false, reason: readOnly };
  if (byHand) {
    if (!network.bridge) return { allowed: false, reason: `${network.name} has no Linux bridge to wire ${container.name} to.` };
    if (container.state !== 'running')
      return { allowed: false, reason: `${container.name} is ${container.state}: it has a namespace to wire only while it runs.` };
    return { allowed: true, effect: { kind: 'dialog', dialog: { kind: 'wire', containerId: container.id, networkId: network.id } } };
  }
  if (network.driver === 'host' || network.driver === 'null') {
    return {
      allowed: false,
      reason: `${network.name} is Docker’s ${network.name} mode: a container is put in it when it is created (docker run --network ${network.name}), not connected.`,
    };
  }
  if (endpointOn(container, network.id))
    return { allowed: false, reason: `${container.name} is already on ${network.name}: nothing to do.` };
  if (container.networkModeKind === 'host' || container.networkModeKind === 'none' || container.networkModeKind === 'container') {
    const mode =
      container.networkModeKind === 'container'
        ? 'shares another container’s namespace'
        : `runs with --network ${container.networkModeKind}`;
    return { allowed: false, reason: `${container.name} ${mode}: Docker connects it to no network.` };
  }
  return { allowed: true, effect: { kind: 'dialog', dialog: { kind: 'connect', containerId: container.id, networkId: network.id } } };
}

/** What a drop does: the allowed effect, or a notice saying why not. */
export function dropEffect(container: ContainerInfo, network: NetworkInfo, byHand: boolean, readOnly: string | null = null): Effect {
  const verdict = dropVerdict(container, network, byHand, readOnly);
  return verdict.allowed ? verdict.effect : { kind: 'notice', text: verdict.reason };
}
