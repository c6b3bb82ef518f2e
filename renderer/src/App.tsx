/** The window: toolbar, status, the graph, and the inspector beside it. */
import { ReactFlowProvider } from '@xyflow/react';
import { EmptyState } from './components/EmptyState';
import { Toasts } from './components/Toasts';
import { Dialogs } from './dialogs/Dialogs';
import { ContextMenu } from './menus/ContextMenu';
import { StatusBanner } from './components/StatusBanner';
import { Toolbar } from './components/Toolbar';
import { Graph } from './graph/Graph';
import { Inspector } from './inspector/Inspector';
import { useDockwire, useTopology } from './store/store';
import { MatrixDialog } from './testing/MatrixDialog';
import { TestPanel } from './testing/TestPanel';

export function App() {
  const topology = useTopology();
  const testFrom = useDockwire((state) => state.testFrom);
  const picking = useDockwire((state) => state.picking);
  // Not live (reconnecting, or the engine hung): the graph is the last state seen, drawn as stale.
  const stale = useDockwire((state) => Boolean(state.topology && state.engineStatus && state.engineStatus.state !== 'live'));
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <StatusBanner />
        <main className="workspace">
          <div className={stale ? 'canvas stale' : 'canvas'} data-testid="graph" data-stale={stale ? 'true' : 'false'}>
            {topology ? <Graph /> : <div className="loading">Loading the engine’s networks…</div>}
            <EmptyState />
          </div>
          {testFrom ? <TestPanel fromId={testFrom} /> : <Inspector />}
        </main>
        {picking && (
          <div className="picking-hint" data-testid="picking-hint">
            Click the container to test against. (Esc cancels)
          </div>
        )}
        <Dialogs />
        <MatrixDialog />
        <ContextMenu />
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
