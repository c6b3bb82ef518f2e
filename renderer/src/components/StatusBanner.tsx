/** Says plainly when Dockwire is not live: which endpoint it tried, why it failed, that it retries. */
import { useEffect, useState } from 'react';
import { useBackendStatus, useTopology } from '../store/store';

/** Seconds since an ISO time, counting up while shown (the clock is read in the timer, not while rendering). */
function useSecondsSince(since: string | null | undefined): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    if (!since) return;
    const tick = () => setSeconds(Math.max(0, Math.round((Date.now() - Date.parse(since)) / 1000)));
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [since]);
  return since ? seconds : null;
}

export function StatusBanner() {
  const { engineStatus, socket, loadError } = useBackendStatus();
  const topology = useTopology();
  const silentFor = useSecondsSince(engineStatus?.state === 'unresponsive' ? engineStatus.silentSince : null);
  if (socket === 'closed') {
    return (
      <div className="banner error" role="alert" data-testid="status-banner">
        Lost the Dockwire server (the page’s socket to it closed); trying again… If you stopped <span className="mono">dockwire serve</span>
        , start it again and open the new URL.
      </div>
    );
  }
  // Serving a snapshot, there is no engine to be connected to: ./SnapshotBanner.tsx says what is shown.
  if (engineStatus?.state === 'snapshot') return null;
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
  if (engineStatus.state === 'unresponsive') {
    return (
      <div className="banner error" role="alert" data-testid="status-banner">
        <strong>Engine not responding for {silentFor ?? 0} s.</strong> The Docker engine at{' '}
        <span className="mono">{engineStatus.endpoint}</span> is connected but does not answer: it may be hung or overloaded. The graph
        shows the last state seen and may be out of date; Dockwire catches up by itself when the engine answers again.
      </div>
    );
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
