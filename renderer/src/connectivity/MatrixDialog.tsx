/**
 * "Test all pairs" on a network: a matrix of DNS and ping, filling in live,
 * cancellable. Each cell says in a few words what failed; a click shows its
 * evidence as the test panel does. Containers in another's namespace are
 * named with it: its row and column are theirs.
 */
import { useState } from 'react';
import type { MatrixCell } from '../../../common/testReport';
import { act } from '../actions/registry';
import { useDockwire } from '../store/store';
import { Evidence } from './Evidence';

const symbol = (result: string) => (result === 'pass' ? '✓' : result === 'fail' ? '✗' : '–');

function Legend({ dnsTested }: { dnsTested: boolean }) {
  return (
    <p className="matrix-legend muted" data-testid="matrix-legend">
      Each cell: from the row’s container to the column’s.{' '}
      {dnsTested ? 'DNS: its name resolves to an address through Docker’s DNS. ' : 'DNS: not tested (this network gives no names). '}
      Ping: an ICMP echo to its address on this network is answered. <span className="legend-mark ok">✓</span> passed ·{' '}
      <span className="legend-mark bad">✗</span> failed, with why · – not tested. Click a cell for its evidence.
    </p>
  );
}

export function MatrixDialog() {
  const matrix = useDockwire((state) => state.matrix);
  const [chosen, setChosen] = useState<MatrixCell | null>(null);
  if (!matrix) return null;
  const close = () => void act('allPairs.close');
  const sharersOf = (name: string) => matrix.sharers.filter((s) => s.owner === name).map((s) => s.name);
  const heading = (name: string) => {
    const sharers = sharersOf(name);
    return (
      <>
        {name}
        {sharers.length > 0 && <span className="matrix-sharers"> + {sharers.join(', ')}</span>}
      </>
    );
  };
  const dnsTested = Object.values(matrix.cells).some((cell) => cell.dns !== 'n/a');
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div
        className="dialog wide"
        role="dialog"
        aria-label={`All pairs on ${matrix.network}`}
        data-testid="matrix-dialog"
        onKeyDown={(event) => event.key === 'Escape' && close()}
      >
        <h2>
          All pairs on <span className="mono">{matrix.network}</span>
        </h2>
        <div className="matrix-progress" data-testid="matrix-progress">
          <progress max={matrix.total || 1} value={matrix.done} aria-label="Pairs tested" />{' '}
          {matrix.finished
            ? matrix.cancelled
              ? `cancelled after ${matrix.done} of ${matrix.total}`
              : `${matrix.total} pairs tested`
            : `${matrix.done} of ${matrix.total}…`}
        </div>
        {matrix.containers.length < 2 ? (
          <p className="muted">Fewer than two running containers on this network: nothing to test.</p>
        ) : (
          <>
            <Legend dnsTested={dnsTested || !matrix.finished} />
            <div className="matrix-scroll" tabIndex={0} aria-label="Results, from each row to each column">
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">from ↓ to →</th>
                    {matrix.containers.map((name) => (
                      <th key={name} scope="col">
                        {heading(name)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {matrix.containers.map((from) => (
                    <tr key={from}>
                      <th scope="row">{heading(from)}</th>
                      {matrix.containers.map((to) => {
                        const cell = matrix.cells[`${from}->${to}`];
                        if (from === to) return <td key={to} className="self" aria-label="itself" />;
                        const ok = cell && cell.ping === 'pass' && cell.dns !== 'fail';
                        return (
                          <td key={to} className={cell ? (ok ? 'ok' : 'bad') : 'waiting'} data-testid={`cell-${from}-${to}`}>
                            {cell ? (
                              <button
                                type="button"
                                className={chosen === cell ? 'chosen' : ''}
                                onClick={() => setChosen(cell)}
                                aria-label={`${from} to ${to}: DNS ${cell.dns}, ping ${cell.ping}${cell.reason ? `: ${cell.reason}` : ''}. Show the evidence`}
                              >
                                DNS {symbol(cell.dns)} ping {symbol(cell.ping)}
                                {cell.reason && <span className="cell-reason">{cell.reason}</span>}
                              </button>
                            ) : (
                              '…'
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {matrix.sharers.length > 0 && (
          <p className="muted" data-testid="matrix-sharers">
            {matrix.sharers.map((s) => `${s.name}: same namespace as ${s.owner}`).join('; ')}. A container in another’s namespace has its
            interfaces: its results are that container’s row and column, tested from that namespace.
          </p>
        )}
        {chosen && (
          <section className="matrix-evidence" data-testid="matrix-evidence" aria-label={`Evidence: ${chosen.from} to ${chosen.to}`}>
            <h3>
              {chosen.from} → {chosen.to}
              {chosen.reason && <span className="cell-reason"> {chosen.reason}</span>}
            </h3>
            {chosen.dns !== 'n/a' && (
              <>
                <h4>DNS {symbol(chosen.dns)}</h4>
                <Evidence step="dns" evidence={chosen.evidence.dns} />
              </>
            )}
            <h4>Ping {symbol(chosen.ping)}</h4>
            <Evidence step="ping" evidence={chosen.evidence.ping} />
          </section>
        )}
        <div className="dialog-actions">
          {!matrix.finished && (
            <button type="button" onClick={() => void act('allPairs.cancel')}>
              Cancel
            </button>
          )}
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
