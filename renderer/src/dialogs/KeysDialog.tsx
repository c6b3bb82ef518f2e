/** The list of keys (? or the toolbar's Keys button): what a keyboard user can do, on one screen. */
import { Dialog } from './Dialog';
import { useDockwire } from '../store/store';
import { KEY_HELP } from './keyHelp';

export function KeysDialog() {
  const close = () => useDockwire.getState().closeDialog();
  return (
    <Dialog
      title="Keys"
      testId="keys-dialog"
      submitLabel=""
      problems={[]}
      busy={false}
      failure={null}
      onSubmit={close}
      onCancel={close}
      initialFocus="cancel"
    >
      {KEY_HELP.map((group) => (
        <section key={group.heading} className="keys-group">
          <h3>{group.heading}</h3>
          <dl className="keys-list">
            {group.keys.map((row) => (
              <div key={row.keys} className="keys-row">
                <dt>
                  <kbd>{row.keys}</kbd>
                </dt>
                <dd>{row.does}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
