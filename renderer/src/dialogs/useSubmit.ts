/**
 * Submitting a dialog: busy while its action runs (through the registry, ../actions/registry.ts, and the one
 * progress path of ../actions/perform.ts); on success close it and say so; on failure keep it open with the reason
 * inside it, so nothing typed is lost.
 */
import { useState } from 'react';
import type { Failure, Outcome } from '../actions/perform';
import { useDockwire } from '../store/store';

export function useSubmit(submit: () => Promise<Outcome<unknown> | void>, keepOpen = false) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [succeeded, setSucceeded] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setFailure(null);
    const outcome = await submit();
    setBusy(false);
    if (!outcome) return; // refused before acting (a snapshot on screen): the toast said why
    if (outcome.ok) {
      // Some dialogs stay open to show what was done (the wiring's ticked steps).
      if (keepOpen) setSucceeded(outcome.text);
      else useDockwire.getState().closeDialog();
    } else if (outcome.failure.unchanged) {
      useDockwire.getState().closeDialog();
    } else {
      setFailure(outcome.failure);
    }
  };
  // What every submitting dialog passes to <Dialog>: progress, the last failure, submit and cancel.
  const dialogProps = {
    busy,
    failure,
    onSubmit: () => void run(),
    onCancel: () => useDockwire.getState().closeDialog(),
  };
  return { dialogProps, succeeded };
}
