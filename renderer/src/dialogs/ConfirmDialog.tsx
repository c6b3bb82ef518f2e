/** Asks before a change that cuts something off; runs it on confirm. */
import { useDockwire } from '../store/store';
import { Dialog } from './Dialog';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  run,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  run: () => Promise<unknown>;
}) {
  return (
    <Dialog
      title={title}
      testId="confirm-dialog"
      submitLabel={confirmLabel}
      problems={[]}
      busy={false}
      failure={null}
      onSubmit={() => {
        useDockwire.getState().closeDialog();
        void run();
      }}
      onCancel={() => useDockwire.getState().closeDialog()}
    >
      <p>{body}</p>
    </Dialog>
  );
}
