/** Title, engine, search, fit-to-view, and the global actions. */
import { actionContext } from '../actions/context';
import { snapshotReason } from '../actions/readOnly';
import { globalAction, performEntry } from '../actions/registry';
import { matchingNodeIds } from '../layout/filter';
import { isContainerNode } from '../layout/ids';
import { isIdlePredefined } from '../layout/groups';
import { useDockwire, useQuery, useTopology } from '../store/store';
import { SnapshotMenu } from './SnapshotMenu';
import type { HelperStatus } from '../../../common/kernelFacts';
import type { Topology } from '../../../common/topology';

export function Toolbar() {
  const topology = useTopology();
  const query = useQuery();
  const fit = () => useDockwire.getState().requestFit();
  // Enter in the filter frames what matches (not what was drawn beside it for context), at full detail where it fits,
  // and moves keyboard focus to the first match, so a key (T, C, Delete…) acts on it next.
  const fitMatches = () => {
    if (!topology || !query.trim()) return fit();
    const ids = matchingNodeIds(topology, query);
    const state = useDockwire.getState();
    state.requestFit(ids.length ? ids : undefined);
    const first = ids.find(isContainerNode) ?? ids[0];
    if (first) state.requestFocus(first);
  };
  const run = (id: string) => {
    const ctx = actionContext(useDockwire.getState(), null);
    const entry = ctx && globalAction(id, ctx);
    if (entry) void performEntry(entry);
  };
  // On a snapshot, nothing is changed: the buttons say why.
  const readOnly = useDockwire((state) => snapshotReason(state.view));
  return (
    <header className="toolbar">
      <div className="brand">Dockwire</div>
      {topology && <EngineButton topology={topology} readOnly={Boolean(readOnly)} />}
      <ViewNotices />
      {topology && !topology.hosts && <HelperBadge {...topology.helper} />}
      <div className="counts">{topology ? `${topology.networks.length} networks · ${topology.containers.length} containers` : ''}</div>
      <input
        className="search"
        type="search"
        placeholder="Filter: name, service, network, IP, state…"
        aria-label="Filter by container or network name"
        value={query}
        onChange={(event) => useDockwire.getState().setQuery(event.target.value)}
        onKeyDown={(event) => event.key === 'Enter' && fitMatches()}
      />
      <button type="button" onClick={fit} title="Fit the graph to the window">
        Fit
      </button>
      <button type="button" onClick={() => useDockwire.getState().requestTidy()} disabled={!topology} title="Lay everything out again">
        Tidy
      </button>
      <button
        type="button"
        onClick={() => run('global.createNetwork')}
        disabled={!topology || Boolean(readOnly)}
        title={readOnly ?? undefined}
      >
        New network
      </button>
      <button
        type="button"
        onClick={() => run('global.runContainer')}
        disabled={!topology || Boolean(readOnly)}
        title={readOnly ?? undefined}
      >
        Run container
      </button>
      <SnapshotMenu />
      <button
        type="button"
        onClick={() => useDockwire.getState().openPalette()}
        disabled={!topology}
        title="Every action on the selection (Ctrl+K)"
      >
        Actions <kbd>Ctrl K</kbd>
      </button>
      {/* Just its key, so the toolbar still fits beside a busy host's notices; named in full for screen readers. */}
      <button type="button" onClick={() => useDockwire.getState().openDialog({ kind: 'keys' })} title="Every key Dockwire answers (?)">
        <kbd>?</kbd>
        <span className="visually-hidden"> Keys</span>
      </button>
    </header>
  );
}

/** Whether the kernel view (veth pairs, bridges, hand-made links) is on, and why not. */
function HelperBadge({ mode, reason, notice, undone = [] }: HelperStatus) {
  const running = mode === 'container' || mode === 'local';
  const undid = undone.length
    ? `undid ${undone.length} wiring${undone.length > 1 ? 's' : ''} a stopped helper left half done (${undone.join(', ')})`
    : null;
  return (
    <span
      className={`badge ${running ? (undid ? 'warn' : 'ok') : 'warn'}`}
      data-testid="helper-status"
      title={[reason ?? notice ?? `native helper running (${mode} mode)`, undid].filter(Boolean).join('; ')}
    >
      {running
        ? `kernel view: ${mode} helper${notice ? ' (restarted)' : ''}${undid ? ` · ${undid}` : ''}`
        : `kernel view ${mode === 'off' ? 'off' : 'unavailable'}`}
    </span>
  );
}

/** What the view leaves out, each with the way to show it: collapsed groups, idle predefined networks. */
function ViewNotices() {
  const topology = useTopology();
  const collapsed = useDockwire((state) => state.collapsed);
  const showIdle = useDockwire((state) => state.showIdleNetworks);
  if (!topology) return null;
  const idle = topology.networks.filter((n) => isIdlePredefined(n, topology));
  const groups = collapsed?.length ?? 0;
  return (
    <>
      {groups > 0 && (
        <span className="notice" data-testid="collapsed-notice">
          {groups} group{groups === 1 ? '' : 's'} collapsed{' '}
          <button type="button" className="link" onClick={() => useDockwire.getState().setCollapsed([])}>
            expand all
          </button>
        </span>
      )}
      {idle.length > 0 && (
        <button
          type="button"
          className="link"
          data-testid="idle-networks"
          aria-pressed={showIdle}
          title={`Docker's predefined networks with nothing on them: ${idle.map((n) => n.name).join(', ')}`}
          onClick={() => {
            useDockwire.getState().setShowIdleNetworks(!showIdle);
            useDockwire.getState().requestFit();
          }}
        >
          {showIdle ? 'hide' : 'show'} {idle.length} idle network{idle.length === 1 ? '' : 's'}
        </button>
      )}
    </>
  );
}

/**
 * What the window follows: one engine's version and address, or how many engines and how many are live (each
 * says more on its own host frame). A click opens the Engines dialog, to follow more or fewer; a snapshot's is
 * words only.
 */
function EngineButton({ topology, readOnly }: { topology: Topology; readOnly: boolean }) {
  const words = topology.hosts ? (
    <>
      {topology.hosts.length} engines · {topology.hosts.filter((h) => h.state === 'live').length} live
    </>
  ) : (
    <>
      Docker {topology.engine.version} · <span className="mono">{topology.engine.endpoint}</span>
    </>
  );
  const title = topology.hosts
    ? topology.hosts.map((h) => `${h.name}: ${h.endpoint} (${h.state})`).join('\n')
    : `${topology.engine.hostname} at ${topology.engine.endpoint}`;
  if (readOnly)
    return (
      <div className="engine" data-testid="engine" title={title}>
        {words}
      </div>
    );
  return (
    <button
      type="button"
      className="engine engine-button"
      data-testid="engine"
      title={`${title}\n\nEngines…: follow more Docker engines, or fewer`}
      onClick={() => useDockwire.getState().openDialog({ kind: 'engines' })}
    >
      {words}
    </button>
  );
}
