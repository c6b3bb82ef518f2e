/** A one-line notice in a toast, for any layer that needs to say something that is not a change's outcome. */
import { useDockwire } from './store';

let lastToast = 0;

/** A fresh toast id (changes in progress and notices share the toast stack). */
export const nextToastId = () => ++lastToast;

/** Says something that needs no change ("already on that network"); an error stays until dismissed. */
export function notify(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const id = nextToastId();
  useDockwire.getState().showToast({ id, kind, text });
  if (kind !== 'error') setTimeout(() => useDockwire.getState().dismissToast(id), 4000);
}
