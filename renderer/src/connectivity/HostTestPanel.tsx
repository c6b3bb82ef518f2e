/**
 * "Test from host" on a published port: a TCP connect (and an HTTP GET when a
 * path is given) from the engine host, the publication it went through, and
 * why it failed when it did (a server bound to 127.0.0.1 inside, nothing
 * listening, published on loopback only).
 */
import { useState } from 'react';
import { act } from '../actions/registry';
import { useDockwire } from '../store/store';
import { StepList, Untested } from './StepList';
import { traceSpecFor } from './testSpec';
import { TraceButton, TraceView } from './TraceView';

export function HostTestPanel() {
  const run = useDockwire((state) => state.hostTest);
  const trace = useDockwire((state) => state.trace);
  const [httpPath, setHttpPath] = useState(run?.httpPath ?? '');
  if (!run) return null;
  const report = run.report;
  const traceSpec = report ? traceSpecFor(report) : null;
  return (
    <aside className="inspector test-panel" data-testid="host-test-panel">
      <button type="button" className="close" onClick={() => void act('test.closeFromHost')} aria-label="Close the test">
        ×
      </button>
      <h2>
        Test from the host: <span className="mono">{run.target}</span>
      </h2>
      <form
        className="test-form"
        onSubmit={(event) => {
          event.preventDefault();
          void act('test.fromHost', { target: run.target, httpPath });
        }}
      >
        <label className="form-field">
          <span className="form-label">HTTP path</span>
          <input
            value={httpPath}
            onChange={(event) => setHttpPath(event.target.value)}
            placeholder="none: TCP only"
            aria-label="HTTP path"
          />
        </label>
        <button type="submit" className="primary" disabled={run.running}>
          {run.running ? 'Testing…' : 'Run again'}
        </button>
      </form>
      {run.error && <p className="error">{run.error}</p>}
      {run.running && <StepList steps={[]} running />}
      {report && (
        <section className="test-results" data-testid="test-results">
          <div className={`verdict ${report.ok ? 'ok' : 'bad'}`} data-testid="test-verdict">
            {report.ok ? 'Every step passed' : 'The test failed'}: the host → {report.target.text}
          </div>
          {report.mapping && (
            <div className="muted" data-testid="host-test-mapping">
              Through <span className="mono">{report.mapping}</span>, from the host’s network namespace.
            </div>
          )}
          <StepList steps={report.steps} running={false} />
          {report.diagnosis.map((diagnosis) => (
            <div key={diagnosis.code} className="diagnosis" data-testid={`diagnosis-${diagnosis.code}`}>
              {diagnosis.text}
            </div>
          ))}
          <Untested gaps={report.untested} />
          {traceSpec && !trace && <TraceButton spec={traceSpec} primary={!report.ok} />}
        </section>
      )}
      {trace && <TraceView run={trace} />}
    </aside>
  );
}
