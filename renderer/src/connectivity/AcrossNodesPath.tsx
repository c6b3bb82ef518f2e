/**
 * A test between containers on two swarm nodes: the path it takes, hop by hop (container, overlay namespace,
 * vxlan, underlay, and back out on the far node), each hop passed, failed, or not known past a failure.
 */
import type { PathHop } from '../../../common/acrossNodesPath';

const MARK: Record<PathHop['status'], string> = { pass: '✓', fail: '✗', unknown: '?' };

export function AcrossNodesPath({ hops }: { hops: PathHop[] }) {
  return (
    <section className="across-nodes" data-testid="across-nodes">
      <h4>Across the nodes</h4>
      <ol>
        {hops.map((hop, index) => (
          <li key={index} className={`hop ${hop.status}`} data-testid="hop" data-status={hop.status}>
            <span className="mark" aria-label={hop.status}>
              {MARK[hop.status]}
            </span>{' '}
            <span className="hop-host">{hop.host}</span> {hop.what}
          </li>
        ))}
      </ol>
    </section>
  );
}
