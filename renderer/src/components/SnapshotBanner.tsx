/**
 * Says what is on screen when it is not simply the engine: a snapshot (whose,
 * when, read-only and why), or the engine compared with one (what changed,
 * with the diff's lines, and a legend of the marks on the graph).
 */
import { useDockwire } from '../store/store';
import { takenAt } from '../actions/readOnly';

export function SnapshotBanner() {
  const view = useDockwire((state) => state.view);
  const compare = useDockwire((state) => state.compare);
  if (view.kind === 'live') return null;
  const { engine, generatedAt } = view.snapshot;
  const back = !(view.kind === 'snapshot' && view.served) && (
    <button type="button" onClick={() => useDockwire.getState().backToLive()} data-testid="back-to-live">
      {view.kind === 'compare' ? 'Stop comparing' : 'Back to live'}
    </button>
  );
  if (view.kind === 'snapshot') {
    return (
      <div className="banner snapshot" role="status" data-testid="snapshot-banner">
        <strong>Snapshot</strong> <span className="mono">{view.name}</span>: {engine.hostname || 'unknown host'} (Docker {engine.version},{' '}
        <span className="mono">{engine.endpoint}</span>), taken {takenAt(generatedAt)}.{' '}
        <span className="muted">
          Read-only: changes and tests are off, because this is a saved picture, not the engine
          {view.served ? ' (dockwire serve --snapshot).' : '.'}
        </span>{' '}
        {back}
      </div>
    );
  }
  const changes = compare?.diff.changes ?? [];
  const count = (sign: string) => changes.filter((c) => c.sign === sign).length;
  return (
    <div className="banner compare" role="status" data-testid="compare-banner">
      <strong>Compared with</strong> <span className="mono">{view.name}</span> ({engine.hostname || 'unknown host'}, taken{' '}
      {takenAt(generatedAt)}):{' '}
      {changes.length === 0 ? (
        'no changes since.'
      ) : (
        <details className="compare-changes">
          <summary data-testid="compare-summary">
            {count('+')} added, {count('-')} removed, {count('~')} changed
          </summary>
          <ul className="mono">
            {changes.map((change, index) => (
              <li key={index} className={`change-${change.sign === '+' ? 'added' : change.sign === '-' ? 'removed' : 'changed'}`}>
                {change.sign} {change.text}
              </li>
            ))}
          </ul>
        </details>
      )}{' '}
      <span className="compare-legend" aria-label="Legend">
        <span className="mark-chip added">new</span> <span className="mark-chip removed">removed (drawn as it was)</span>{' '}
        <span className="mark-chip changed">changed</span>
      </span>{' '}
      {back}
    </div>
  );
}
