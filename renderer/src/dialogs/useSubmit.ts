/**
 * Submitting a dialog: busy while it runs; on success close it and say so in
 * a toast; on failure keep it open with the reason, so nothing typed is lost.
 */
import { useState } from 'react';
import { failureToast, notify } from '../commands/perform';
import { useDockwire } from '../store/store';

export function useSubmit<T>(change: () => Promise<T>, done: (result: T) => string, keepOpen = false) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ text: string; detail?: string[] } | null>(null);
  const [succeeded, setSucceeded] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await change();
      // Some dialogs stay open to show what was done (the wiring's ticked steps).
      if (keepOpen) setSucceeded(done(result));
      else useDockwire.getState().closeDialog();
      notify(done(result));
    } catch (error) {
      const toast = failureToast(0, error);
      setFailure({ text: toast.text, detail: toast.detail });
    } finally {
      setBusy(false);
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
