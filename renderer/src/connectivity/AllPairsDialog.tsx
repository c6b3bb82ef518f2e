/**
 * "Test all pairs" on a network: a table of DNS and ping, filling in live,
 * cancellable. Each cell says in a few words what failed; a click shows its
 * evidence as the test panel does. Containers in another's namespace are
 * named with it: its row and column are theirs.
 */
import { useState } from 'react';
import type { PairCell } from '../../../common/testReport';
import { act } from '../actions/registry';
import { useDockwire } from '../store/store';
import { Evidence } from './Evidence';

/** The id of a cell's description (ids may not hold every character a container name does). */
const cellDescriptionId = (from: string, to: string) => `pair-${encodeURIComponent(from)}-${encodeURIComponent(to)}`.replace(/%/g, '_');

const symbol = (result: string) => (result === 'pass' ? '✓' : result === 'fail' ? '✗' : '–');

function Legend({ dnsTested }: { dnsTested: boolean }) {
  return (
    <p className="all-pairs-legend muted" data-testid="all-pairs-legend">
      Each cell: from the row’s container to the column’s.{' '}
      {dnsTested ? 'DNS: its name resolves to an address through Docker’s DNS. ' : 'DNS: not tested (this network gives no names). '}
      Ping: an ICMP echo to its address on this network is answered. <span className="legend-mark ok">✓</span> passed ·{' '}
      <span className="legend-mark bad">✗</span> failed, with why · – not tested. Click a cell for its evidence.
    </p>
  );
}

export function AllPairsDialog() {
  const allPairs = useDockwire((state) => state.allPairs);
  const [chosen, setChosen] = useState<PairCell | null>(null);
  if (!allPairs) return null;
  const close = () => void act('allPairs.close');
  const sharersOf = (name: string) => allPairs.sharers.filter((s) => s.owner === name).map((s) => s.name);
  const heading = (name: string) => {
    const sharers = sharersOf(name);
    return (
      <>
        {name}
        {sharers.length > 0 && <span className="all-pairs-sharers"> + {sharers.join(', ')}</span>}
      </>
    );
  };
  const dnsTested = Object.values(allPairs.cells).some((cell) => cell.dns !== 'n/a');
  return (
    <div className="dialog-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div
        className="dialog wide"
        role="dialog"
        aria-label={`All pairs on ${allPairs.network}`}
        data-testid="all-pairs-dialog"
        onKeyDown={(event) => event.key === 'Escape' && close()}
      >
        <h2>
          All pairs on <span className="mono">{allPairs.network}</span>
        </h2>
        <div className="all-pairs-progress" data-testid="all-pairs-progress">
          <progress max={allPairs.total || 1} value={allPairs.done} aria-label="Pairs tested" />{' '}
          {allPairs.finished
            ? allPairs.cancelled
              ? `cancelled after ${allPairs.done} of ${allPairs.total}`
              : `${allPairs.total} pairs tested`
            : `${allPairs.done} of ${allPairs.total}…`}
        </div>
        {allPairs.containers.length < 2 ? (
          <p className="muted">Fewer than two running containers on this network: nothing to test.</p>
        ) : (
          <>
            <Legend dnsTested={dnsTested || !allPairs.finished} />
            <div className="all-pairs-scroll" tabIndex={0} aria-label="Results, from each row to each column">
              <table className="all-pairs">
                <thead>
                  <tr>
                    <th scope="col">from ↓ to →</th>
                    {allPairs.containers.map((name) => (
                      <th key={name} scope="col">
                        {heading(name)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {allPairs.containers.map((from) => (
                    <tr key={from}>
                      <th scope="row">{heading(from)}</th>
                      {allPairs.containers.map((to) => {
                        const cell = allPairs.cells[`${from}->${to}`];
                        if (from === to) return <td key={to} className="self" aria-label="itself" />;
                        const ok = cell && cell.ping === 'pass' && cell.dns !== 'fail';
                        return (
                          <td key={to} className={cell ? (ok ? 'ok' : 'bad') : 'waiting'} data-testid={`cell-${from}-${to}`}>
                            {cell ? (
                              // Named by what it shows (a voice command can say it); which pair, and what the marks mean, is its description.
                              <button
                                type="button"
                                className={chosen === cell ? 'chosen' : ''}
                                onClick={() => setChosen(cell)}
                                aria-describedby={cellDescriptionId(from, to)}
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
              <div hidden>
                {Object.values(allPairs.cells).map((cell) => (
                  <span key={`${cell.from}->${cell.to}`} id={cellDescriptionId(cell.from, cell.to)}>
                    {cell.from} to {cell.to}: DNS {cell.dns}, ping {cell.ping}
                    {cell.reason ? `: ${cell.reason}` : ''}. Show the evidence.
                  </span>
                ))}
              </div>
            </div>
          </>
        )}
        {allPairs.sharers.length > 0 && (
          <p className="muted" data-testid="all-pairs-sharers">
            {allPairs.sharers.map((s) => `${s.name}: same namespace as ${s.owner}`).join('; ')}. A container in another’s namespace has its
            interfaces: its results are that container’s row and column, tested from that namespace.
          </p>
        )}
        {chosen && (
          <section className="all-pairs-evidence" data-testid="all-pairs-evidence" aria-label={`Evidence: ${chosen.from} to ${chosen.to}`}>
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
          {!allPairs.finished && (
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
