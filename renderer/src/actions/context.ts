/** The context every way of acting builds its actions in: the subject, the view, and why it is read-only if it is. */
import type { DockwireState, Selection } from '../store/slices';
import { readOnlyReason } from './readOnly';
import { subjectOf, type ActionContext } from './subject';

export function actionContext(state: Pick<DockwireState, 'topology' | 'view' | 'compare'>, target: Selection | null): ActionContext | null {
  if (!state.topology) return null;
  const subject = subjectOf(state.topology, target);
  return {
    topology: state.topology,
    subject,
    view: state.view,
    readOnly: readOnlyReason(state, subject),
    readOnlyOf: (other) => readOnlyReason(state, other),
  };
}
