/** "Test all pairs" on a network: a matrix of DNS and ping, filling in live, cancellable; each cell shows its evidence. */
import { useState } from 'react';
import type { MatrixCell } from '../../../common/testReport';
import { cancelMatrix } from '../actions/connectivity';
import { useDockwire } from '../store/store';

const symbol = (result: string) => (result === 'pass' ? '✓' : result === 'fail' ? '✗' : '·');

export function MatrixDialog() {
  const matrix = useDockwire((state) => state.matrix);
  const [chosen, setChosen] = useState<MatrixCell | null>(null);
  if (!matrix) return null;
  const close = () => {
    void cancelMatrix();
    useDockwire.getState().closeMatrix();
  };
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
          <progress max={matrix.total || 1} value={matrix.done} />{' '}
          {matrix.finished
            ? matrix.cancelled
              ? `cancelled after ${matrix.done} of ${matrix.total}`
              : `${matrix.total} pairs tested`
            : `${matrix.done} of ${matrix.total}…`}
        </div>
        {matrix.containers.length < 2 ? (
          <p className="muted">Fewer than two running containers on this network: nothing to test.</p>
        ) : (
          <div className="matrix-scroll">
            <table className="matrix">
              <thead>
                <tr>
                  <th>from ↓ to →</th>
                  {matrix.containers.map((name) => (
                    <th key={name}>{name}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.containers.map((from) => (
                  <tr key={from}>
                    <th>{from}</th>
                    {matrix.containers.map((to) => {
                      const cell = matrix.cells[`${from}->${to}`];
                      if (from === to) return <td key={to} className="self" />;
                      const ok = cell && cell.ping === 'pass' && cell.dns !== 'fail';
                      return (
                        <td key={to} className={cell ? (ok ? 'ok' : 'bad') : 'waiting'} data-testid={`cell-${from}-${to}`}>
                          {cell ? (
                            <button type="button" onClick={() => setChosen(cell)} title="Show the evidence">
                              DNS {symbol(cell.dns)} ping {symbol(cell.ping)}
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
        )}
        {chosen && (
          <pre className="matrix-evidence" data-testid="matrix-evidence">
            {chosen.from} → {chosen.to}
            {'\n'}
            {JSON.stringify(chosen.evidence, null, 2)}
          </pre>
        )}
        <div className="dialog-actions">
          {!matrix.finished && (
            <button type="button" onClick={() => void cancelMatrix()}>
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
