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
}

export function Dialog({ title, testId, submitLabel, problems, busy, failure, onSubmit, onCancel, children, wide }: DialogProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select, textarea, button[type=submit]')?.focus();
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
          if (event.key === 'Escape') {
            event.stopPropagation();
            onCancel();
          }
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
          <button type="button" onClick={onCancel}>
            {submitLabel ? 'Cancel' : 'Close'}
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
