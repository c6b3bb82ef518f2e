/**
 * Runs one change and tells the user, in a toast, that it is working, then
 * that it worked, or why not (with Docker's words and what was undone). The
 * graph itself shows the result through the same live events as any change.
 */
import { DockwireError } from '../../../common/errors';
import { useDockwire } from '../store/store';

let nextToast = 1;

export interface Wording {
  doing: string;
  done: string;
}

/** The toast for a failed change: its message, then Docker's words and anything undone. */
export function failureToast(id: number, error: unknown) {
  if (error instanceof DockwireError) {
    const detail = [
      ...(error.details?.dockerMessage ? [`Docker said: ${error.details.dockerMessage}`] : []),
      ...(error.details?.rolledBack ?? []).map((undone) => `Undone: ${undone}`),
    ];
    return { id, kind: error.code === 'no-change' ? ('info' as const) : ('error' as const), text: error.message, detail };
  }
  return { id, kind: 'error' as const, text: error instanceof Error ? error.message : String(error) };
}

export async function perform<T>(wording: Wording, change: () => Promise<T>): Promise<T | null> {
  const { showToast, dismissToast } = useDockwire.getState();
  const id = nextToast++;
  showToast({ id, kind: 'progress', text: wording.doing });
  try {
    const result = await change();
    showToast({ id, kind: 'ok', text: wording.done });
    setTimeout(() => dismissToast(id), 4000);
    return result;
  } catch (error) {
    showToast(failureToast(id, error));
    return null;
  }
}

/** A one-line notice that needs no change (for example "already on that network"). */
export function notify(text: string): void {
  const id = nextToast++;
  useDockwire.getState().showToast({ id, kind: 'info', text });
  setTimeout(() => useDockwire.getState().dismissToast(id), 4000);
}
