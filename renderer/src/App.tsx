/** The window: toolbar, status, the graph, and the inspector beside it. */
import { ReactFlowProvider } from '@xyflow/react';
import { EmptyState } from './components/EmptyState';
import { NoMatch } from './components/NoMatch';
import { Toasts } from './components/Toasts';
import { Dialogs } from './dialogs/Dialogs';
import { ContextMenu } from './menus/ContextMenu';
import { StatusBanner } from './components/StatusBanner';
import { SnapshotBanner } from './components/SnapshotBanner';
import { Toolbar } from './components/Toolbar';
import { Graph } from './graph/Graph';
import { Inspector } from './inspector/Inspector';
import { useDockwire, useTopology } from './store/store';
import { AllPairsDialog } from './connectivity/AllPairsDialog';
import { HostTestPanel } from './connectivity/HostTestPanel';
import { TestPanel } from './connectivity/TestPanel';
import { FocusReturn } from './keys/FocusReturn';
import { useGlobalKeys } from './keys/useGlobalKeys';
import { CommandPalette } from './palette/CommandPalette';
import { CapturePanel } from './capture/CapturePanel';

export function App() {
  useGlobalKeys();
  const topology = useTopology();
  const testFrom = useDockwire((state) => state.testFrom);
  const hostTest = useDockwire((state) => state.hostTest !== null);
  const picking = useDockwire((state) => state.picking);
  const selected = useDockwire((state) => state.selection !== null);
  // Not live (reconnecting, or the engine hung): the graph is the last state seen, drawn as stale.
  const stale = useDockwire((state) =>
    Boolean(state.topology && state.view.kind !== 'snapshot' && state.engineStatus && state.engineStatus.state !== 'live'),
  );
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <StatusBanner />
        <SnapshotBanner />
        <main className="workspace">
          {/* The packet list sits under the graph, not over it: the wire being captured stays in sight. */}
          <div className="canvas-column">
            <div className={stale ? 'canvas stale' : 'canvas'} data-testid="graph" data-stale={stale ? 'true' : 'false'}>
              {topology ? <Graph /> : <div className="loading">Loading the engine’s networks…</div>}
              <EmptyState />
              <NoMatch />
            </div>
            <CapturePanel />
          </div>
          {/* Nothing selected: no inspector, the canvas takes the whole width. */}
          {hostTest ? <HostTestPanel /> : testFrom ? <TestPanel fromId={testFrom} /> : selected ? <Inspector /> : null}
        </main>
        {picking && (
          <div className="picking-hint" data-testid="picking-hint">
            Click the container to test against. (Esc cancels)
          </div>
        )}
        <Dialogs />
        <AllPairsDialog />
        <ContextMenu />
        <CommandPalette />
        <FocusReturn />
        <Toasts />
      </div>
    </ReactFlowProvider>
  );
}
