/** Title, engine, search and fit-to-view. */
import { useReactFlow } from '@xyflow/react';
import { useDockwire, useQuery, useTopology } from '../store/store';

export function Toolbar() {
  const topology = useTopology();
  const query = useQuery();
  const { fitView } = useReactFlow();
  const fit = () => void fitView({ padding: 0.1, maxZoom: 1, duration: 200 });
  return (
    <header className="toolbar">
      <div className="brand">Dockwire</div>
      {topology && (
        <div className="engine" data-testid="engine">
          Docker {topology.engine.version} · {topology.engine.hostname} · <span className="mono">{topology.engine.endpoint}</span>
        </div>
      )}
      <div className="counts">
        {topology ? `${topology.networks.length} networks · ${topology.containers.length} containers` : ''}
      </div>
      <input
        className="search"
        type="search"
        placeholder="Filter by container or network name"
        aria-label="Filter by container or network name"
        value={query}
        onChange={(event) => useDockwire.getState().setQuery(event.target.value)}
        onKeyDown={(event) => event.key === 'Enter' && setTimeout(fit, 0)}
      />
      <button type="button" onClick={fit} title="Fit the graph to the window">
        Fit to view
      </button>
    </header>
  );
}
