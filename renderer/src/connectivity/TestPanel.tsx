/**
 * The connectivity test: pick a target (type it, or click it on the graph),
 * run, and read each step with its evidence, then why it failed and the fix.
 * Focus follows the person's next step: into Target when the panel opens (T on
 * a card, then type), and onto the first fix when a test fails with one (Enter
 * applies it), so a keyboard test-and-fix is a handful of keys.
 */
import { useEffect, useRef } from 'react';
import type { StepName } from '../../../common/testReport';
import { useDockwire, useTopology } from '../store/store';
import { act } from '../actions/registry';
import { AcrossNodesPath } from './AcrossNodesPath';
import { StepList, Untested } from './StepList';
import { testSpecFrom, traceSpecFor } from './testSpec';
import { TraceButton, TraceView } from './TraceView';

export function TestPanel({ fromId }: { fromId: string }) {
  const topology = useTopology();
  const run = useDockwire((state) => state.testRun);
  const trace = useDockwire((state) => state.trace);
  const draft = useDockwire((state) => state.testDraft);
  const picking = useDockwire((state) => state.picking);
  const { setTestDraft, setPicking } = useDockwire.getState();
  const from = topology?.containers.find((c) => c.id === fromId);
  const targetInput = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => targetInput.current?.focus(), [fromId]);
  const firstFix = run?.report?.diagnosis.find((d) => d.fix) ? run.report : null;
  useEffect(() => {
    // Only when the person is still here (pressed Enter in the form): never pull focus from elsewhere.
    const active = document.activeElement;
    if (firstFix && (active === document.body || panel.current?.contains(active)))
      panel.current?.querySelector<HTMLButtonElement>('[data-testid="test-fix"]')?.focus();
  }, [firstFix]);
  const spec = testSpecFrom(fromId, draft);
  const report = run?.report;
  const whole = report && !report.cancelled && report.via === 'helper' ? traceSpecFor(report) : null;
  const traceStep = (step: StepName) => {
    const spec = report && traceSpecFor(report, step);
    if (spec) void act('test.trace', spec);
  };
  return (
    <aside className="inspector test-panel" data-testid="test-panel" ref={panel}>
      <button type="button" className="close" onClick={() => void act('test.close')} aria-label="Close the test">
        ×
      </button>
      <h2>
        Test from <span className="mono">{from?.name ?? fromId.slice(0, 12)}</span>
      </h2>
      <form
        className="test-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (spec.target) void act('test.run', spec);
        }}
      >
        <label className="form-field">
          <span className="form-label">Target: a container, name, IP, URL, or “host”</span>
          <div className="row">
            <input
              ref={targetInput}
              list="test-targets"
              value={draft.target}
              onChange={(event) => setTestDraft({ target: event.target.value })}
              aria-label="Target"
            />
            <button type="button" className={picking ? 'primary' : ''} onClick={() => setPicking(!picking)}>
              {picking ? 'Click a container…' : 'Pick on graph'}
            </button>
          </div>
          <datalist id="test-targets">
            {(topology?.containers ?? [])
              .filter((c) => c.id !== fromId)
              .map((c) => (
                <option key={c.id} value={c.name} />
              ))}
          </datalist>
        </label>
        <div className="row">
          <label className="form-field">
            <span className="form-label">TCP port</span>
            <input
              value={draft.port}
              onChange={(event) => setTestDraft({ port: event.target.value })}
              placeholder="none"
              aria-label="TCP port"
            />
          </label>
          <label className="form-field">
            <span className="form-label">HTTP path</span>
            <input
              value={draft.httpPath}
              onChange={(event) => setTestDraft({ httpPath: event.target.value })}
              placeholder="none"
              aria-label="HTTP path"
            />
          </label>
        </div>
        <div className="row">
          <button type="submit" className="primary" data-testid="test-run" disabled={!spec.target || run?.running}>
            {run?.running ? 'Testing…' : 'Run test'}
          </button>
          {run?.running && (
            <button type="button" data-testid="test-cancel" onClick={() => void act('test.cancel')}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {run?.error && <p className="error">{run.error}</p>}
      {run?.running && (
        <section className="test-results" data-testid="test-results" aria-busy="true">
          <div className="verdict running">
            Testing: {from?.name} → {run.spec.target}
          </div>
          <StepList steps={run.steps} running />
        </section>
      )}
      {report?.cancelled && (
        <section className="test-results" data-testid="test-results">
          <div className="verdict cancelled" data-testid="test-verdict">
            Cancelled after {report.steps.length} step{report.steps.length === 1 ? '' : 's'}: {report.from.name} → {report.target.text}
          </div>
          <StepList steps={report.steps} running={false} />
        </section>
      )}
      {report && !report.cancelled && (
        <section className="test-results" data-testid="test-results">
          <div className={`verdict ${report.ok ? 'ok' : 'bad'}`} data-testid="test-verdict">
            {report.ok ? 'Every step passed' : 'The test failed'}: {report.from.name} → {report.target.text}
            {report.target.address && report.target.address !== report.target.text ? ` (${report.target.address})` : ''}
          </div>
          <div className="muted">
            {report.via === 'helper'
              ? 'Run inside its network namespace by the native helper.'
              : 'Fallback: docker exec of the image’s own tools (no helper).'}
          </div>
          <StepList steps={report.steps} running={false} {...(whole ? { onTrace: traceStep } : {})} />
          {report.acrossNodes && <AcrossNodesPath hops={report.acrossNodes} />}
          {report.diagnosis.map((diagnosis) => (
            <div key={diagnosis.code} className="diagnosis" data-testid={`diagnosis-${diagnosis.code}`}>
              <div>{diagnosis.text}</div>
              {diagnosis.fix && (
                <button
                  type="button"
                  className="primary"
                  data-testid="test-fix"
                  onClick={() => void act('test.applyFix', { fix: diagnosis.fix!, spec: run.spec })}
                >
                  {diagnosis.fix.label}
                </button>
              )}
            </div>
          ))}
          <Untested gaps={report.untested} />
          {whole && !trace && <TraceButton spec={whole} primary={!report.ok} />}
        </section>
      )}
      {trace && <TraceView run={trace} />}
    </aside>
  );
}
