/**
 * The one way a change is carried out and told: a progress toast while it
 * runs, then that it worked (with the equivalent command), or why not (with
 * Docker's words and what was undone). Dialogs show a failure inside
 * themselves instead, so nothing typed is lost. The graph itself shows the
 * result through the same live events as any change.
 */
import { DockwireError } from '../../../common/errors';
import { client } from '../client/instance';
import { useDockwire } from '../store/store';
import type { Change } from './change';

let nextToast = 1;

export interface Failure {
  text: string;
  /** Docker's words, and what was undone. */
  detail: string[];
  /** "Nothing to do" is not a failure: said as information. */
  unchanged: boolean;
}

export function failureOf(error: unknown): Failure {
  if (error instanceof DockwireError) {
    return {
      text: error.message,
      detail: [
        ...(error.details?.dockerMessage ? [`Docker said: ${error.details.dockerMessage}`] : []),
        ...(error.details?.rolledBack ?? []).map((u) => `Undone: ${u}`),
      ],
      unchanged: error.code === 'no-change',
    };
  }
  return { text: error instanceof Error ? error.message : String(error), detail: [], unchanged: false };
}

export type Outcome<T> = { ok: true; result: T } | { ok: false; failure: Failure };

export async function execute<T>(change: Change<T>, options: { inDialog?: boolean } = {}): Promise<Outcome<T>> {
  const { showToast, dismissToast } = useDockwire.getState();
  const id = nextToast++;
  if (!options.inDialog) showToast({ id, kind: 'progress', text: change.doing });
  try {
    const result = await change.call(client());
    const done = typeof change.done === 'function' ? change.done(result) : change.done;
    showToast({ id, kind: 'ok', text: done, detail: [`= ${change.command}`] });
    if (change.reveal) useDockwire.getState().requestFit(change.reveal, true);
    setTimeout(() => dismissToast(id), 4000);
    return { ok: true, result };
  } catch (error) {
    const failure = failureOf(error);
    if (options.inDialog && !failure.unchanged) dismissToast(id);
    else showToast({ id, kind: failure.unchanged ? 'info' : 'error', text: failure.text, detail: failure.detail });
    return { ok: false, failure };
  }
}

/** A one-line notice that needs no change (for example "already on that network"); an error stays until dismissed. */
export function notify(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const id = nextToast++;
  useDockwire.getState().showToast({ id, kind, text });
  if (kind !== 'error') setTimeout(() => useDockwire.getState().dismissToast(id), 4000);
}
