/**
 * What an action does, as data (an Effect), and the one function that carries
 * an Effect out. Deciding is pure (./registry.ts, ./drop.ts); only carryOut
 * touches the store, the dialogs and the backend.
 */
import type { Dialog } from '../store/slices';
import { useDockwire } from '../store/store';
import type { Change } from './change';
import { startMatrix } from './connectivity';
import { execute, notify } from './execute';
import { exportImage, pickSnapshot, saveSnapshot } from '../snapshots/files';
import { snapshotReason } from '../snapshots/readOnly';
import { openCapture } from '../capture/captureActions';

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
  change: Change;
}

export type Effect =
  | { kind: 'dialog'; dialog: Exclude<Dialog, { kind: 'confirm' }> }
  /** A change that cuts something off: asked first, naming what it acts on. */
  | { kind: 'confirm'; confirmation: Confirmation }
  | { kind: 'change'; change: Change }
  | { kind: 'notice'; text: string }
  | { kind: 'openTest'; containerId: string }
  /** The packet list of a container's interface (its first endpoint's when none is named). */
  | { kind: 'openCapture'; containerId: string; iface?: string }
  | { kind: 'matrix'; networkId: string }
  | { kind: 'fit' }
  /** Snapshots and pictures (../snapshots/files.ts): none of them changes or tests anything. */
  | { kind: 'saveSnapshot' }
  | { kind: 'pickSnapshot'; purpose: 'open' | 'compare' }
  | { kind: 'exportImage'; format: 'png' | 'svg' }
  | { kind: 'backToLive' };

/** What changes or tests something: never carried out while a snapshot is on screen. */
const ACTS_ON_ENGINE = new Set<Effect['kind']>(['dialog', 'confirm', 'change', 'openTest', 'openCapture', 'matrix']);

export function carryOut(effect: Effect): void {
  const state = useDockwire.getState();
  const readOnly = snapshotReason(state.view);
  if (readOnly && ACTS_ON_ENGINE.has(effect.kind)) return notify(readOnly);
  switch (effect.kind) {
    case 'dialog':
      return state.openDialog(effect.dialog);
    case 'confirm':
      return state.openDialog({ kind: 'confirm', ...effect.confirmation });
    case 'change':
      return void execute(effect.change);
    case 'notice':
      return notify(effect.text);
    case 'openTest':
      return state.openTest(effect.containerId);
    case 'openCapture':
      return openCapture({ containerId: effect.containerId, ...(effect.iface ? { iface: effect.iface } : {}) });
    case 'matrix':
      return void startMatrix(effect.networkId);
    case 'fit':
      return state.requestFit();
    case 'saveSnapshot':
      return saveSnapshot();
    case 'pickSnapshot':
      return pickSnapshot(effect.purpose);
    case 'exportImage':
      return void exportImage(effect.format);
    case 'backToLive':
      return state.backToLive();
  }
}
