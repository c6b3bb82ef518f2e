/**
 * Submitting a dialog: busy while it runs (through the one progress path,
 * ../actions/execute.ts); on success close it and say so; on failure keep it
 * open with the reason inside it, so nothing typed is lost.
 */
import { useState } from 'react';
import type { Change } from '../actions/change';
import { execute, type Failure } from '../actions/execute';
import { useDockwire } from '../store/store';

export function useSubmit<T>(change: () => Change<T>, keepOpen = false) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [succeeded, setSucceeded] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    const made = change();
    const outcome = await execute(made, { inDialog: true });
    setBusy(false);
    if (outcome.ok) {
      // Some dialogs stay open to show what was done (the wiring's ticked steps).
      if (keepOpen) setSucceeded(typeof made.done === 'function' ? made.done(outcome.result) : made.done);
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
    onSubmit: () => void submit(),
    onCancel: () => useDockwire.getState().closeDialog(),
  };
  return { dialogProps, succeeded };
}
