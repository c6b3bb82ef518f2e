/** A modal form: Enter submits, Escape cancels, problems and refusals are shown inside it. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { FieldProblem } from '../../../common/specs';

export interface DialogProps {
  title: string;
  testId: string;
  submitLabel: string;
  /** Problems that block submitting (shown under the fields). */
  problems: FieldProblem[];
  busy: boolean;
  /** Why the last submit failed: the message, then Docker's words / what was undone. */
  failure: { text: string; detail?: string[] } | null;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
  wide?: boolean;
  /** Where focus starts: the first field (default), or Cancel (before something destructive, so Enter does no harm). */
  initialFocus?: 'first' | 'cancel';
  /** What Cancel says when it stops something under way rather than closing (e.g. "Cancel pull"). */
  cancelLabel?: string;
}

const TABBABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function Dialog({
  title,
  testId,
  submitLabel,
  problems,
  busy,
  failure,
  onSubmit,
  onCancel,
  children,
  wide,
  initialFocus = 'first',
  cancelLabel,
}: DialogProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const start = initialFocus === 'cancel' ? '.dialog-cancel' : 'input, select, textarea, button[type=submit]';
    form.current?.querySelector<HTMLElement>(start)?.focus();
  }, [initialFocus]);
  // Escape closes the dialog wherever focus is (a failed submit can leave it on the page), and Tab stays inside it.
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        cancel.current();
      }
      if (event.key !== 'Tab' || !form.current) return;
      const tabbable = [...form.current.querySelectorAll<HTMLElement>(TABBABLE)];
      const [first, last] = [tabbable[0], tabbable.at(-1)];
      const inside = form.current.contains(document.activeElement);
      if (!inside || (event.shiftKey && document.activeElement === first) || (!event.shiftKey && document.activeElement === last)) {
        event.preventDefault();
        (event.shiftKey ? last : first)?.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onCancel()}>
      <form
        ref={form}
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && problems.length === 0 && submitLabel) onSubmit();
        }}
        onKeyDown={(event) => {
          // Enter submits from a select too (browsers submit only from text inputs).
          if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'SELECT') {
            event.preventDefault();
            form.current?.requestSubmit();
          }
        }}
      >
        <h2>{title}</h2>
        {children}
        {problems.length > 0 && (
          <ul className="problems" data-testid="dialog-problems">
            {problems.map((problem) => (
              <li key={`${problem.field}:${problem.message}`}>{problem.message}</li>
            ))}
          </ul>
        )}
        {failure && (
          <div className="failure" role="alert" data-testid="dialog-failure">
            <div>{failure.text}</div>
            {failure.detail?.map((line) => (
              <div key={line} className="muted">
                {line}
              </div>
            ))}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="dialog-cancel" onClick={onCancel}>
            {cancelLabel ?? (submitLabel ? 'Cancel' : 'Close')}
          </button>
          {submitLabel && (
            <button type="submit" className="primary" disabled={busy || problems.length > 0}>
              {busy ? 'Working…' : submitLabel}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

/** A labelled input row. */
export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      {children}
      {hint && <span className="form-hint">{hint}</span>}
    </label>
  );
}
