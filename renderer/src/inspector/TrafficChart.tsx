/** The last minute of one wire's traffic: sent (↑) and received (↓) per second, as two lines on one scale. */
import { formatRate } from '../../../common/traffic';
import { HISTORY_SECONDS, useTraffic, type RatePoint } from '../store/trafficStore';

const WIDTH = 260;
const HEIGHT = 64;

export function TrafficChart({ wire }: { wire: string }) {
  const points = useTraffic((state) => state.history[wire]);
  const rate = useTraffic((state) => state.rates[wire]);
  if (!points) return <span className="muted">not sampled (the wire is not on screen, or the kernel view is off)</span>;
  const top = Math.max(1024, ...points.map((p) => Math.max(p.tx, p.rx)));
  const now = points.at(-1)?.at ?? 0;
  const line = (pick: (p: RatePoint) => number) =>
    points
      .map(
        (p) =>
          `${(WIDTH - ((now - p.at) / 1000 / HISTORY_SECONDS) * WIDTH).toFixed(1)},${(HEIGHT - (pick(p) / top) * (HEIGHT - 4)).toFixed(1)}`,
      )
      .join(' ');
  return (
    <figure className="traffic-chart" data-testid="traffic-chart">
      {/* Drawn in a fixed coordinate space and stretched to the column's width: the newest point is its right edge. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        preserveAspectRatio="none"
        role="img"
        aria-label={`traffic in the last minute, up to ${formatRate(top)}`}
      >
        <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="axis" />
        <polyline points={line((p) => p.tx)} className="sent" />
        <polyline points={line((p) => p.rx)} className="received" />
      </svg>
      <figcaption>
        <span className="sent">↑ {formatRate(rate?.tx ?? 0)} sent</span>{' '}
        <span className="received">↓ {formatRate(rate?.rx ?? 0)} received</span>{' '}
        <span className="muted">
          · last {HISTORY_SECONDS} s, top {formatRate(top)}
        </span>
      </figcaption>
    </figure>
  );
}
