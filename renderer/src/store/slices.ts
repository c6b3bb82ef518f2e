/**
 * The renderer's state, as typed slices combined into one zustand store.
 * Actions live beside the state they change.
 */
import type { StateCreator } from 'zustand';
import type { AllPairsProgress, WireProgress } from '../../../common/contract';
import type { PullProgress } from '../../../common/pullProgress';
import type { PairCell, PairSharer, TestProgress, TestReport, TestSpec, TestStep } from '../../../common/testReport';
import type { EngineStatus, Topology } from '../../../common/topology';
import type { TraceReport, TraceSpec } from '../../../common/trace';
import type { SocketState } from '../client/transport';
import { shareTopology } from './shareTopology';
import { compareView, type CompareView } from '../snapshots/compareView';
import type { Point } from '../layout/ids';
import { EMPTY_PLACEMENT, type Placement } from '../layout/placeNodes';
import type { Dialog, DropTarget, MenuTarget, Toast } from './uiTypes';

export type { Dialog, DropTarget, MenuTarget, Toast } from './uiTypes';

export type Selection =
  | { kind: 'container'; id: string }
  | { kind: 'network'; id: string }
  | { kind: 'endpoint'; containerId: string; networkId: string }
  /** A host link Docker does not know about, by its ifindex on the host. */
  | { kind: 'link'; ifindex: number };

/** What the graph shows: the engine, a saved snapshot, or the engine marked against a snapshot. */
export type View =
  | { kind: 'live' }
  /** Read-only. served: `dockwire serve --snapshot` (there is no engine to go back to). */
  | { kind: 'snapshot'; snapshot: Topology; name: string; served: boolean }
  | { kind: 'compare'; snapshot: Topology; name: string };

export interface TopologySlice {
  /** What is drawn: the live Topology, the snapshot, or (comparing) the live one with the snapshot's ghosts. */
  topology: Topology | null;
  /** The engine's latest Topology, whatever is drawn. */
  live: Topology | null;
  view: View;
  /** While comparing: what was added, removed and changed since the snapshot. */
  compare: CompareView | null;
  setTopology(topology: Topology): void;
  showSnapshot(snapshot: Topology, name: string, served?: boolean): void;
  compareWith(snapshot: Topology, name: string): void;
  backToLive(): void;
}

export interface BackendStatusSlice {
  engineStatus: EngineStatus | null;
  /** The page's socket to the backend (browser mode; Electron's IPC is always open). */
  socket: SocketState;
  /** Why the first Topology could not be loaded, if it could not. */
  loadError: string | null;
  setEngineStatus(status: EngineStatus): void;
  setSocket(socket: SocketState): void;
  setLoadError(message: string | null): void;
}

export interface LayoutSlice {
  /** Where every frame, bus and card is; kept across updates so nothing placed ever moves by itself. */
  placement: Placement;
  /** While filtering: what the filter leaves, laid out on its own (compact, no gaps), and the query it is for. */
  filtered: { query: string; placement: Placement } | null;
  setFiltered(filtered: { query: string; placement: Placement } | null): void;
  /** Groups drawn as one tile (frame node ids); null until decided for this engine (remembered, or by the first view's size). */
  collapsed: string[] | null;
  /** Docker's predefined networks with nothing on them are hidden unless asked for. */
  showIdleNetworks: boolean;
  /** Bumped to lay everything out afresh (Tidy). */
  tidyRequest: number;
  setPlacement(placement: Placement): void;
  moveNode(id: string, position: Point): void;
  setCollapsed(collapsed: string[]): void;
  toggleCollapsed(frameId: string): void;
  setShowIdleNetworks(show: boolean): void;
  requestTidy(): void;
}

export interface SelectionSlice {
  selection: Selection | null;
  select(selection: Selection | null): void;
  /** The graph's one tab stop (a focus id, see ../graph/focusIds): where Tab enters the graph. */
  focusId: string | null;
  setFocusId(focusId: string | null): void;
  /** Asks the graph to move keyboard focus (and the selection) to this focus id: Enter in the filter goes to the first match. */
  focusRequest: { count: number; focusId: string | null };
  requestFocus(focusId: string): void;
}

export interface FilterSlice {
  query: string;
  setQuery(query: string): void;
}

export interface UiSlice {
  /** The pull the run dialog follows (its id), and its latest progress. */
  watchedPull: number | null;
  pull: PullProgress | null;
  watchPull(pullId: number | null): void;
  applyPullProgress(progress: PullProgress): void;
  dialog: Dialog | null;
  /** The command palette (Ctrl/Cmd+K) is open. */
  palette: boolean;
  /** Asks the graph to fit the view (the Fit button, the palette, Enter in the filter): a number bumped per request, and what to frame (all when empty). */
  fitRequest: { count: number; nodeIds: string[]; onlyIfOffScreen?: boolean };
  /** The last fit request carried out (its count): the view still moves while this is behind fitRequest.count. */
  fitDone: number;
  /** Layouts asked of the worker and not yet answered: the picture may still change while this is above 0. */
  layoutsInFlight: number;
  /** The first view has been fitted to the window (once, when its nodes were first measured). */
  firstFitDone: boolean;
  fitFinished(count: number): void;
  firstFitFinished(): void;
  layoutAsked(): void;
  layoutsForgotten(): void;
  layoutAnswered(): void;
  openPalette(): void;
  closePalette(): void;
  requestFit(nodeIds?: string[], onlyIfOffScreen?: boolean): void;
  menu: { x: number; y: number; target: MenuTarget } | null;
  /** While a container is dragged: the network it would be dropped on, and whether that is allowed (and why not). */
  dropTarget: DropTarget | null;
  setDropTarget(target: DropTarget | null): void;
  toasts: Toast[];
  /** Progress of hand wirings, by wire id: each step's latest status. */
  wireProgress: Record<number, Record<number, WireProgress['status']>>;
  applyWireProgress(progress: WireProgress): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  openMenu(x: number, y: number, target: MenuTarget): void;
  closeMenu(): void;
  /** Adds or replaces a toast by id. */
  showToast(toast: Toast): void;
  dismissToast(id: number): void;
}

export interface TestRun {
  /** Ours, sent with the test: its steps arrive as events with it. */
  testId: number;
  spec: TestSpec;
  running: boolean;
  /** The steps done so far, while it runs. */
  steps: TestStep[];
  report: TestReport | null;
  error: string | null;
}

export interface AllPairsRun {
  runId: number;
  network: string;
  containers: string[];
  /** Containers in another's namespace: shown with it, not tested apart. */
  sharers: PairSharer[];
  total: number;
  done: number;
  cells: Record<string, PairCell>;
  finished: boolean;
  cancelled: boolean;
}

export interface HostTestRun {
  /** "web:80": the container and the port it publishes. */
  target: string;
  httpPath: string;
  running: boolean;
  report: TestReport | null;
  error: string | null;
}

/** A trace: the packets of a test followed hop by hop (from the test panel, or the test from the host). */
export interface TraceRun {
  spec: TraceSpec;
  running: boolean;
  report: TraceReport | null;
  error: string | null;
}

export interface TestingSlice {
  /** The test panel: which source, and the last run. */
  testFrom: string | null;
  testRun: TestRun | null;
  /** Waiting for the user to click the target on the graph. */
  picking: boolean;
  /** What the test panel's fields hold. */
  testDraft: { target: string; port: string; httpPath: string };
  allPairs: AllPairsRun | null;
  /** A test from the engine host to a published port ("web:80"), and its last run. */
  hostTest: HostTestRun | null;
  setHostTest(run: HostTestRun | null): void;
  /** The last trace, lit on the graph in place of its test's path; a new test or another panel clears it. */
  trace: TraceRun | null;
  setTrace(run: TraceRun | null): void;
  setTestDraft(draft: Partial<TestingSlice['testDraft']>): void;
  openTest(fromId: string): void;
  closeTest(): void;
  setPicking(picking: boolean): void;
  setTestRun(run: TestRun | null): void;
  applyTestStep(progress: TestProgress): void;
  showAllPairs(run: Omit<AllPairsRun, 'cells' | 'done' | 'finished' | 'cancelled'>): void;
  applyAllPairsProgress(progress: AllPairsProgress): void;
  closeAllPairs(): void;
}

export type DockwireState = TopologySlice & BackendStatusSlice & LayoutSlice & SelectionSlice & FilterSlice & UiSlice & TestingSlice;
type Slice<T> = StateCreator<DockwireState, [], [], T>;

/** What to draw for a view, given the engine's latest Topology. */
function drawn(view: View, live: Topology | null, previous: Topology | null): Pick<TopologySlice, 'topology' | 'compare'> {
  if (view.kind === 'snapshot') return { topology: view.snapshot, compare: null };
  if (!live) return { topology: null, compare: null };
  if (view.kind === 'live') return { topology: shareTopology(previous, live), compare: null };
  const compare = compareView(view.snapshot, live);
  return { topology: shareTopology(previous, compare.topology), compare };
}

/** Another picture altogether: placed afresh and framed, nothing of the last one selected or filtered. */
const freshPicture = {
  placement: EMPTY_PLACEMENT,
  filtered: null,
  selection: null,
  focusId: null,
  menu: null,
  testFrom: null,
  testRun: null,
  hostTest: null,
  trace: null,
  allPairs: null,
};

export const createTopologySlice: Slice<TopologySlice> = (set) => ({
  topology: null,
  live: null,
  view: { kind: 'live' },
  compare: null,
  setTopology: (topology) =>
    set((state) =>
      state.live && state.live.version >= topology.version && state.live.engine.endpoint === topology.engine.endpoint
        ? {}
        : { live: topology, ...drawn(state.view, topology, state.topology), loadError: null },
    ),
  showSnapshot: (snapshot, name, served = false) =>
    set((state) => {
      const view: View = { kind: 'snapshot', snapshot, name, served };
      return { view, ...drawn(view, state.live, null), ...freshPicture, fitRequest: { count: state.fitRequest.count + 1, nodeIds: [] } };
    }),
  compareWith: (snapshot, name) =>
    set((state) => {
      const view: View = { kind: 'compare', snapshot, name };
      // Coming from the snapshot view, the live picture is laid out afresh; from the live one, its places stay.
      const fresh = state.view.kind === 'snapshot' ? freshPicture : {};
      return { view, ...drawn(view, state.live, state.view.kind === 'live' ? state.topology : null), ...fresh };
    }),
  backToLive: () =>
    set((state) => {
      const view: View = { kind: 'live' };
      const fresh =
        state.view.kind === 'snapshot' ? { ...freshPicture, fitRequest: { count: state.fitRequest.count + 1, nodeIds: [] } } : {};
      return { view, ...drawn(view, state.live, null), ...fresh };
    }),
});

export const createBackendStatusSlice: Slice<BackendStatusSlice> = (set) => ({
  engineStatus: null,
  socket: 'connecting',
  loadError: null,
  setEngineStatus: (engineStatus) => set({ engineStatus }),
  setSocket: (socket) => set({ socket }),
  setLoadError: (loadError) => set({ loadError }),
});

const movedIn = (placement: Placement, id: string, position: Point): Placement => ({
  ...placement,
  positions: { ...placement.positions, [id]: position },
});

export const createLayoutSlice: Slice<LayoutSlice> = (set) => ({
  placement: EMPTY_PLACEMENT,
  filtered: null,
  setFiltered: (filtered) => set({ filtered }),
  collapsed: null,
  showIdleNetworks: false,
  tidyRequest: 0,
  setPlacement: (placement) => set({ placement }),
  // A node moved in a filtered view moves there only (its place in the whole picture stays).
  moveNode: (id, position) =>
    set((state) =>
      state.filtered && state.filtered.query === state.query
        ? { filtered: { ...state.filtered, placement: movedIn(state.filtered.placement, id, position) } }
        : { placement: movedIn(state.placement, id, position) },
    ),
  setCollapsed: (collapsed) => set({ collapsed }),
  toggleCollapsed: (frameId) =>
    set((state) => {
      const now = state.collapsed ?? [];
      return { collapsed: now.includes(frameId) ? now.filter((id) => id !== frameId) : [...now, frameId] };
    }),
  setShowIdleNetworks: (showIdleNetworks) => set({ showIdleNetworks }),
  requestTidy: () => set((state) => ({ tidyRequest: state.tidyRequest + 1 })),
});

export const createSelectionSlice: Slice<SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
  focusId: null,
  setFocusId: (focusId) => set({ focusId }),
  focusRequest: { count: 0, focusId: null },
  requestFocus: (focusId) => set((state) => ({ focusRequest: { count: state.focusRequest.count + 1, focusId } })),
});

export const createFilterSlice: Slice<FilterSlice> = (set) => ({
  query: '',
  setQuery: (query) => set({ query }),
});

export const createUiSlice: Slice<UiSlice> = (set) => ({
  watchedPull: null,
  pull: null,
  watchPull: (watchedPull) => set({ watchedPull, pull: null }),
  applyPullProgress: (progress) => set((state) => (state.watchedPull === progress.pullId ? { pull: progress } : {})),
  dialog: null,
  palette: false,
  fitRequest: { count: 0, nodeIds: [] },
  fitDone: 0,
  layoutsInFlight: 0,
  firstFitDone: false,
  fitFinished: (count) => set((state) => ({ fitDone: Math.max(state.fitDone, count) })),
  firstFitFinished: () => set({ firstFitDone: true }),
  layoutsForgotten: () => set({ layoutsInFlight: 0 }),
  layoutAsked: () => set((state) => ({ layoutsInFlight: state.layoutsInFlight + 1 })),
  layoutAnswered: () => set((state) => ({ layoutsInFlight: Math.max(0, state.layoutsInFlight - 1) })),
  openPalette: () => set({ palette: true, menu: null }),
  closePalette: () => set({ palette: false }),
  requestFit: (nodeIds = [], onlyIfOffScreen = false) =>
    set((state) => ({ fitRequest: { count: state.fitRequest.count + 1, nodeIds, onlyIfOffScreen } })),
  menu: null,
  dropTarget: null,
  setDropTarget: (dropTarget) => set({ dropTarget }),
  toasts: [],
  wireProgress: {},
  applyWireProgress: (progress) =>
    set((state) => ({
      wireProgress: {
        ...state.wireProgress,
        [progress.wireId]: { ...state.wireProgress[progress.wireId], [progress.step]: progress.status },
      },
    })),
  openDialog: (dialog) => set({ dialog, menu: null }),
  closeDialog: () => set({ dialog: null }),
  openMenu: (x, y, target) => set({ menu: { x, y, target } }),
  closeMenu: () => set({ menu: null }),
  showToast: (toast) => set((state) => ({ toasts: [...state.toasts.filter((t) => t.id !== toast.id), toast].slice(-5) })),
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
});

export const createTestingSlice: Slice<TestingSlice> = (set) => ({
  testFrom: null,
  testRun: null,
  picking: false,
  testDraft: { target: '', port: '', httpPath: '' },
  allPairs: null,
  hostTest: null,
  trace: null,
  setTrace: (trace) => set({ trace }),
  setHostTest: (hostTest) =>
    set((state) =>
      hostTest
        ? { hostTest, testFrom: null, picking: false, menu: null, trace: state.hostTest?.target === hostTest.target ? state.trace : null }
        : { hostTest, trace: null },
    ),
  setTestDraft: (draft) => set((state) => ({ testDraft: { ...state.testDraft, ...draft } })),
  openTest: (testFrom) => set({ testFrom, testRun: null, picking: false, menu: null, hostTest: null, trace: null }),
  closeTest: () => set({ testFrom: null, testRun: null, picking: false, trace: null }),
  setPicking: (picking) => set({ picking }),
  // Another test (not the same one's answer coming in) makes the last trace stale.
  setTestRun: (testRun) => set((state) => ({ testRun, ...(testRun?.testId !== state.testRun?.testId ? { trace: null } : {}) })),
  applyTestStep: ({ testId, step }) =>
    set((state) =>
      state.testRun?.testId === testId && state.testRun.running
        ? { testRun: { ...state.testRun, steps: [...state.testRun.steps, step] } }
        : {},
    ),
  showAllPairs: (run) => set({ allPairs: { ...run, cells: {}, done: 0, finished: run.total === 0, cancelled: false }, menu: null }),
  applyAllPairsProgress: (progress) =>
    set((state) => {
      if (!state.allPairs || state.allPairs.runId !== progress.runId) return {};
      const cells = progress.cell
        ? { ...state.allPairs.cells, [`${progress.cell.from}->${progress.cell.to}`]: progress.cell }
        : state.allPairs.cells;
      return { allPairs: { ...state.allPairs, cells, done: progress.done, finished: progress.finished, cancelled: progress.cancelled } };
    }),
  closeAllPairs: () => set({ allPairs: null }),
});
