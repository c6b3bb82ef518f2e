/**
 * A test's steps as they are done: each with its mark, summary, time and evidence; a spinner for the next while it
 * runs. A step whose packets can be followed (ping, tcp, http) offers to trace them, when the panel can.
 */
import type { StepName, TestStep } from '../../../common/testReport';
import { Evidence } from './Evidence';

const MARK = { pass: '✓', fail: '✗', skipped: '–' };

const TRACEABLE = new Set<StepName>(['ping', 'tcp', 'http']);

export function StepList({ steps, running, onTrace }: { steps: TestStep[]; running: boolean; onTrace?: (step: StepName) => void }) {
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
          {onTrace && TRACEABLE.has(step.name) && step.status !== 'skipped' && (
            <button type="button" className="link step-trace" onClick={() => onTrace(step.name)}>
              Trace {step.name === 'ping' ? 'the pings' : `the ${step.name} connection`}
            </button>
          )}
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
