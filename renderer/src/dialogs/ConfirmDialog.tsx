/** Asks before a change that cuts something off, naming what it acts on and the equivalent command; runs it on confirm. */
import type { AnyChange } from '../actions/changes';
import { act } from '../actions/registry';
import { useDockwire } from '../store/store';
import { Dialog } from './Dialog';
import { EquivalentCommand } from './EquivalentCommand';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  change,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  change: AnyChange;
}) {
  return (
    <Dialog
      title={title}
      testId="confirm-dialog"
      submitLabel={confirmLabel}
      initialFocus="cancel"
      problems={[]}
      busy={false}
      failure={null}
      onSubmit={() => {
        useDockwire.getState().closeDialog();
        void act('change.confirm', { change });
      }}
      onCancel={() => useDockwire.getState().closeDialog()}
    >
      <p>{body}</p>
      <EquivalentCommand command={change.command} />
    </Dialog>
  );
}
