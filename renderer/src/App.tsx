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
import { useTopology } from './store/store';

export function App() {
  const topology = useTopology();
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <StatusBanner />
        <main className="workspace">
          <div className="canvas" data-testid="graph">
            {topology ? <Graph /> : <div className="loading">Loading the engine’s networks…</div>}
            <EmptyState />
          </div>
          <Inspector />
        </main>
        <Dialogs />
        <ContextMenu />
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
