/** A pull as the engine reports it: the whole image's bytes and percent, then each layer's bar and state. */
import { formatBytes, type PullProgress } from '../../../common/pullProgress';

export function PullProgressView({ progress }: { progress: PullProgress }) {
  const { percent, current, total, layers, status, ref } = progress;
  return (
    <section className="pull-progress" data-testid="pull-progress" aria-label={`Pulling ${ref}`}>
      <div className="pull-overall">
        <span>
          Pulling <span className="mono">{ref}</span>: {percent}%{total > 0 ? ` · ${formatBytes(current)} of ${formatBytes(total)}` : ''}
        </span>
        <progress max={100} value={percent} aria-label={`${ref}: ${percent}%`} data-testid="pull-overall" />
      </div>
      <ul className="pull-layers">
        {layers.map((layer) => (
          <li key={layer.id} className={layer.done ? 'done' : ''}>
            <span className="mono">{layer.id}</span>
            <progress
              max={layer.total ?? 1}
              value={layer.done ? (layer.total ?? 1) : layer.total ? layer.current : 0}
              aria-label={`layer ${layer.id}: ${layer.status}`}
            />
            <span className="muted">
              {layer.status}
              {layer.total && !layer.done ? ` ${formatBytes(layer.current)} / ${formatBytes(layer.total)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <div className="muted pull-status">{status}</div>
    </section>
  );
}
