/**
 * A trace in the test panel: the hops the packets should cross, each marked by whether the marked probe (and its
 * answer) was seen there, then why it stopped where it did: the firewall rule or chain policy that counted it (as
 * iptables -S prints it, and in words), no route, no ARP answer, the MTU. The graph lights the same hops.
 */
import { useEffect, useRef } from 'react';
import type { TraceHopReport, TraceReport, TraceSpec } from '../../../common/trace';
import { act } from '../actions/registry';
import type { TraceRun } from '../store/slices';

const OUTCOME: Record<TraceReport['outcome'], string> = {
  passed: 'There and back',
  lost: 'Lost on the way',
  refused: 'Reached, and refused',
  'no-route': 'No route',
  error: 'Could not trace',
};

/** A hop's mark: seen, the first not seen (red), after that (never reached), or not watched. */
function hopState(hop: TraceHopReport, index: number, firstMissingIndex: number): 'seen' | 'lost' | 'beyond' | 'unwatched' {
  if (hop.request === null) return 'unwatched';
  if (hop.request) return 'seen';
  return index === firstMissingIndex ? 'lost' : 'beyond';
}
const MARK = { seen: '✓', lost: '✗', beyond: '·', unwatched: '?' };
const SAYS = { seen: 'seen', lost: 'not seen: lost before here', beyond: 'not reached', unwatched: 'not watched' };

function Hops({ report }: { report: TraceReport }) {
  const firstMissingIndex = report.hops.findIndex((h) => h.label === report.firstMissing);
  return (
    <ol className="trace-hops" data-testid="trace-hops">
      {report.hops.map((hop, index) => {
        const state = hopState(hop, index, firstMissingIndex);
        const rewritten = hop.seen && hop.seen.dst !== report.target.address ? hop.seen.dst : null;
        return (
          <li key={`${index}-${hop.ifname}`} className={`trace-hop ${state}`} data-testid="trace-hop" data-state={state}>
            <span className="mark" aria-label={SAYS[state]}>
              {MARK[state]}
            </span>
            <span className="mono">{hop.label}</span>
            {hop.request && report.firstMissing === null && (
              <span className={`answer ${hop.reply ? 'seen' : 'missing'}`}>{hop.reply ? 'answer seen' : 'no answer seen'}</span>
            )}
            {rewritten && <span className="muted"> · to {rewritten}</span>}
            {hop.error && state === 'unwatched' && <span className="muted"> · {hop.error}</span>}
          </li>
        );
      })}
    </ol>
  );
}

export function TraceView({ run }: { run: TraceRun }) {
  const { spec, report } = run;
  const section = useRef<HTMLElement>(null);
  // The panel is long (the test's steps above): the trace is brought into view as it starts and as its answer comes.
  // Only the panel scrolls: scrollIntoView would also scroll the window's clipped root, shifting the whole app away.
  useEffect(() => {
    const panel = section.current?.closest<HTMLElement>('.inspector');
    if (panel && section.current) panel.scrollTop += section.current.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  }, [report, run.running]);
  const what = spec.port ? `${spec.proto ?? 'tcp'} port ${spec.port}` : 'ping';
  return (
    <section className="trace" data-testid="trace" aria-busy={run.running} ref={section}>
      <h3>
        Trace <span className="muted">({what})</span>
      </h3>
      {run.running && (
        <p className="step running" role="status">
          <span className="spinner" aria-hidden="true" /> Sending marked packets and watching every hop…
        </p>
      )}
      {run.error && <p className="error">{run.error}</p>}
      {report && (
        <>
          <div className={`verdict ${report.outcome === 'passed' ? 'ok' : 'bad'}`} data-testid="trace-verdict">
            {OUTCOME[report.outcome]}: {report.from.name} → {report.target.name ?? report.target.address}
            {report.target.name ? ` (${report.target.address})` : ''}
          </div>
          <Hops report={report} />
          {report.dnat && (
            <p className="trace-dnat" data-testid="trace-dnat">
              Rewritten on the way: <span className="mono">{report.dnat.from}</span> → <span className="mono">{report.dnat.to}</span>
              {report.dnat.line && <code className="rule-line">{report.dnat.line}</code>}
            </p>
          )}
          {report.reason && (
            <div className="diagnosis" data-testid="trace-reason">
              <div>{report.reason.text}</div>
              {'rule' in report.reason && (
                <code className="rule-line" data-testid="trace-rule">
                  {report.reason.rule.line}
                  <span className="muted">
                    {' '}
                    (table {report.reason.rule.table}, +{report.reason.rule.delta})
                  </span>
                </code>
              )}
            </div>
          )}
          {report.counted.length > 0 && (
            <details className="trace-counted">
              <summary>Rules that counted packets meanwhile ({report.counted.length})</summary>
              <ul className="kv mono">
                {report.counted.map((rule) => (
                  <li key={`${rule.table} ${rule.line}`}>
                    +{rule.delta} {rule.table} {rule.line}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {report.firewallError && <p className="muted">The firewall could not be read: {report.firewallError}</p>}
          <p className="muted">{Math.round(report.elapsedMs)} ms. The firewall is only read: a trace never changes a rule.</p>
        </>
      )}
      <div className="row">
        <button type="button" disabled={run.running} onClick={() => void act('test.trace', spec)}>
          Trace again
        </button>
        <button type="button" onClick={() => void act('trace.close')}>
          Close the trace
        </button>
      </div>
    </section>
  );
}

/** Under a test's result: follow its packets. Primary when the test failed, where a trace is the next question. */
export function TraceButton({ spec, primary }: { spec: TraceSpec; primary: boolean }) {
  return (
    <button type="button" className={primary ? 'primary' : ''} data-testid="trace-run" onClick={() => void act('test.trace', spec)}>
      Trace the path
    </button>
  );
}
