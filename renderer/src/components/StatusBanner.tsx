/** Says plainly when Dockwire is not live: which endpoint it tried, why it failed, that it retries. */
import { useConnection, useTopology } from '../store/store';

export function StatusBanner() {
  const { engineStatus, link, loadError } = useConnection();
  const topology = useTopology();
  if (link === 'closed') {
    return (
      <div className="banner error" role="alert" data-testid="status-banner">
        Lost the connection to the Dockwire server; reconnecting… If you stopped <span className="mono">dockwire serve</span>, start it again and open the new URL.
      </div>
    );
  }
  if (!engineStatus || engineStatus.state === 'live') {
    if (loadError && !topology) {
      return (
        <div className="banner error" role="alert" data-testid="status-banner">
          {loadError}
        </div>
      );
    }
    return null;
  }
  return (
    <div className={`banner ${engineStatus.error ? 'error' : 'info'}`} role="alert" data-testid="status-banner">
      <strong>{engineStatus.state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}</strong> Docker engine at{' '}
      <span className="mono">{engineStatus.endpoint}</span> ({engineStatus.source}).
      {engineStatus.error && <> {engineStatus.error}</>}
      {topology && engineStatus.state === 'reconnecting' && <> The graph shows the last state seen.</>}
    </div>
  );
}
