/** What an engine with no containers shows: what you are looking at, and how to put something on it. */
import { useTopology } from '../store/store';

export function EmptyState() {
  const topology = useTopology();
  if (!topology || topology.containers.length > 0) return null;
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>No containers on this engine yet</h2>
      <p>
        <span className="mono">{topology.engine.endpoint}</span> has {topology.networks.length} network
        {topology.networks.length === 1 ? '' : 's'}
        {topology.networks.every((n) => n.predefined)
          ? ' of its own (Docker’s bridge, host and none: “show idle networks” above draws them)'
          : ''}
        . Containers appear here as soon as they are created, from any terminal:
      </p>
      <pre tabIndex={0}>{`docker network create --subnet 172.20.0.0/16 localnet
docker run -d --name c1 --network localnet alpine sleep 1d
docker run -d --name web --network localnet -p 5050:80 nginx`}</pre>
    </div>
  );
}
