/**
 * Dropping a container on a network, decided (pure): connect it (a dialog
 * with the defaults, Enter to accept), or with Shift wire it to the bridge by
 * hand; or say plainly why not (also when it is a snapshot, or a ghost of one, that is on screen). The rules are
 * common/rules.ts's, the same the registry, the dialogs and the backend ask; the same answer drives the highlight
 * while dragging, so what is shown allowed is what the drop does.
 */
import { whyNotAcrossEngines, whyNotConnect, whyNotConnectTo, whyNotWire, whyNotWireTo } from '../../../common/rules';
import type { ContainerInfo, NetworkInfo } from '../../../common/topology';
import type { Effect } from './perform';

export type DropVerdict = { allowed: true; effect: Effect } | { allowed: false; reason: string };

export function dropVerdict(container: ContainerInfo, network: NetworkInfo, byHand: boolean, readOnly: string | null = null): DropVerdict {
  if (readOnly) return { allowed: false, reason: readOnly };
  if (byHand) {
    const refusal = whyNotAcrossEngines(container, network) ?? whyNotWireTo(network) ?? whyNotWire(container);
    if (refusal) return { allowed: false, reason: refusal };
    return { allowed: true, effect: { kind: 'dialog', dialog: { kind: 'wire', containerId: container.id, networkId: network.id } } };
  }
  const refusal = whyNotConnectTo(container, network) ?? whyNotConnect(container);
  if (refusal) return { allowed: false, reason: refusal };
  return { allowed: true, effect: { kind: 'dialog', dialog: { kind: 'connect', containerId: container.id, networkId: network.id } } };
}

/** What a drop does: the allowed effect, or a notice saying why not. */
export function dropEffect(container: ContainerInfo, network: NetworkInfo, byHand: boolean, readOnly: string | null = null): Effect {
  const verdict = dropVerdict(container, network, byHand, readOnly);
  return verdict.allowed ? verdict.effect : { kind: 'notice', text: verdict.reason };
}
