/** A test's steps as they are done: each with its mark, summary, time and evidence; a spinner for the next while it runs. */
import type { TestStep } from '../../../common/testReport';
import { Evidence } from './Evidence';

const MARK = { pass: '✓', fail: '✗', skipped: '–' };

export function StepList({ steps, running }: { steps: TestStep[]; running: boolean }) {
  return (
    <ol className="steps">
      {steps.map((step) => (
        <li key={step.name} className={`step ${step.status}`} data-testid={`step-${step.name}`}>
          {/* A failed step is open: its evidence is the story. */}
          <details open={step.status === 'fail'}>
            <summary>
              <span className="mark" aria-label={step.status}>
                {MARK[step.status]}
              </span>{' '}
              <b>{step.name}</b> {step.summary}
              {step.timeMs !== null && <span className="muted"> · {step.timeMs} ms</span>}
            </summary>
            <Evidence step={step.name} evidence={step.evidence} />
          </details>
        </li>
      ))}
      {running && (
        <li className="step running" data-testid="step-running" role="status">
          <span className="spinner" aria-hidden="true" /> {steps.length ? 'next step…' : 'first step…'}
        </li>
      )}
    </ol>
  );
}

/** What a test could not look at, and why. */
export function Untested({ gaps }: { gaps: string[] }) {
  return (
    <>
      {gaps.map((gap) => (
        <div key={gap} className="muted">
          Not tested: {gap}
        </div>
      ))}
    </>
  );
}
