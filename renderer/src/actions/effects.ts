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
  | { kind: 'matrix'; networkId: string }
  | { kind: 'fit' };

export function carryOut(effect: Effect): void {
  const state = useDockwire.getState();
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
    case 'matrix':
      return void startMatrix(effect.networkId);
    case 'fit':
      return state.requestFit();
  }
}
