/**
 * What an action does, as data (an Effect), and the one function that carries an Effect out: the registry's
 * perform. Deciding is pure (./registry.ts, ./drop.ts); only here does acting touch the store, the dialogs and the
 * backend, and this is the renderer's one caller of the backend besides the store's subscription layer.
 *
 * A change runs through one progress path: a toast while it runs, then that it worked (with the equivalent
 * command), or why not (Docker's words, what was undone). A dialog shows a failure inside itself instead, so
 * nothing typed is lost; the graph shows the result through the same live events as any change.
 */
import { DockwireError } from '../../../common/errors';
import type { AddEngineParams, EngineList } from '../../../common/engineList';
import type { Fix, TestSpec } from '../../../common/testReport';
import type { TraceSpec } from '../../../common/trace';
import type { Topology } from '../../../common/topology';
import { client } from '../client/instance';
import type { CaptureTarget } from '../store/captureStore';
import { nextToastId, notify } from '../store/notify';
import type { Dialog } from '../store/slices';
import { useDockwire } from '../store/store';
import { whenTopology } from '../store/whenTopology';
import { readFirewall } from '../store/firewallStore';
import { engineOfSelection, onEngine } from '../store/selectedEngine';
import { snapshotReason } from './readOnly';
import { connectChange, type AnyChange, type Change } from './changes';
import * as runs from './engineRuns';
import { exportImage, pickSnapshot, savePcap, saveSnapshot } from './files';

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
  change: AnyChange;
}

export type Effect =
  | { kind: 'dialog'; dialog: Exclude<Dialog, { kind: 'confirm' }> }
  /** A change that cuts something off: asked first, naming what it acts on. */
  | { kind: 'confirm'; confirmation: Confirmation }
  /** inDialog: a dialog's submit (its failure is shown in the dialog); pullId: the pull whose progress it shows. */
  | { kind: 'change'; change: AnyChange; inDialog?: boolean; pullId?: number | null }
  | { kind: 'notice'; text: string }
  | { kind: 'openTest'; containerId: string }
  | { kind: 'runTest'; spec: TestSpec }
  | { kind: 'cancelTest' }
  | { kind: 'closeTest' }
  /** A diagnosis's fix (a connect), then the same test again to show it worked. */
  | { kind: 'applyFix'; fix: Fix; spec: TestSpec }
  | { kind: 'testFromHost'; target: string; httpPath: string }
  | { kind: 'closeHostTest' }
  /** A test's packets followed hop by hop; the firewall read for the inspector. */
  | { kind: 'runTrace'; spec: TraceSpec }
  | { kind: 'closeTrace' }
  | { kind: 'readFirewall' }
  | { kind: 'allPairs'; networkId: string }
  | { kind: 'cancelAllPairs' }
  | { kind: 'closeAllPairs' }
  /** The packet list of a container's interface (its first endpoint's when none is named). */
  | { kind: 'openCapture'; target: CaptureTarget }
  /** Again, with the panel's filter. */
  | { kind: 'restartCapture' }
  | { kind: 'stopCapture' }
  | { kind: 'closeCapture' }
  | { kind: 'savePcap' }
  | { kind: 'cancelPull'; pullId: number }
  | { kind: 'fit' }
  /** Snapshots and pictures (./files.ts): none of them changes or tests anything. */
  | { kind: 'saveSnapshot' }
  | { kind: 'pickSnapshot'; purpose: 'open' | 'compare' }
  | { kind: 'exportImage'; format: 'png' | 'svg' }
  | { kind: 'backToLive' }
  /** Follow one more engine, or one fewer (the Engines dialog): the list as it is afterwards. */
  | { kind: 'changeEngines'; add?: AddEngineParams; remove?: string };

/** What changes or tests something: never carried out while a snapshot is on screen. */
const ACTS_ON_ENGINE = new Set<Effect['kind']>([
  'dialog',
  'confirm',
  'change',
  'openTest',
  'runTest',
  'applyFix',
  'testFromHost',
  'runTrace',
  'readFirewall',
  'allPairs',
  'openCapture',
  'restartCapture',
  'changeEngines',
]);

export interface Failure {
  text: string;
  /** Docker's words, and what was undone. */
  detail: string[];
  /** "Nothing to do" is not a failure: said as information. */
  unchanged: boolean;
}

/** How a change went: what it returned and what was said of it (its done text), or why it failed. */
export type Outcome<T> = { ok: true; result: T; text: string } | { ok: false; failure: Failure };

export function carryOut(effect: Effect): Promise<Outcome<unknown> | void> {
  const state = useDockwire.getState();
  const readOnly = snapshotReason(state.view);
  if (readOnly && ACTS_ON_ENGINE.has(effect.kind)) return Promise.resolve(notify(readOnly));
  switch (effect.kind) {
    case 'dialog':
      return done(state.openDialog(effect.dialog));
    case 'confirm':
      return done(state.openDialog({ kind: 'confirm', ...effect.confirmation }));
    case 'change':
      if (effect.pullId !== undefined) state.watchPull(effect.pullId);
      return execute(effect.change, { inDialog: effect.inDialog ?? false });
    case 'notice':
      return done(notify(effect.text));
    case 'openTest':
      return done(state.openTest(effect.containerId));
    case 'runTest':
      return runs.runTest(client(), effect.spec);
    case 'cancelTest':
      return runs.cancelTest(client());
    case 'closeTest':
      return runs.cancelTest(client()).then(() => state.closeTest());
    case 'applyFix':
      return applyFix(effect.fix, effect.spec);
    case 'changeEngines':
      return changeEngines(effect.add, effect.remove);
    case 'testFromHost':
      return runs.testFromHost(client(), effect.target, effect.httpPath, engineOfSelection(state.topology, state.selection));
    case 'closeHostTest':
      return done(state.setHostTest(null));
    case 'runTrace':
      return runs.runTrace(client(), { ...effect.spec, ...onEngine(engineOfSelection(state.topology, state.selection)) });
    case 'closeTrace':
      return done(state.setTrace(null));
    case 'readFirewall':
      return readFirewall(client(), engineOfSelection(state.topology, state.selection));
    case 'allPairs':
      return runs.startAllPairs(client(), effect.networkId);
    case 'cancelAllPairs':
      return runs.cancelAllPairs(client());
    case 'closeAllPairs':
      return runs.cancelAllPairs(client()).then(() => useDockwire.getState().closeAllPairs());
    case 'openCapture':
      return runs.openCapture(client(), effect.target);
    case 'restartCapture':
      return runs.startCapture(client());
    case 'stopCapture':
      return runs.stopCapture(client());
    case 'closeCapture':
      return runs.closeCapture(client());
    case 'savePcap':
      return done(savePcap());
    case 'cancelPull':
      return client()
        .cancelPull({ pullId: effect.pullId })
        .then(() => undefined);
    case 'fit':
      return done(state.requestFit());
    case 'saveSnapshot':
      return done(saveSnapshot());
    case 'pickSnapshot':
      return done(pickSnapshot(effect.purpose));
    case 'exportImage':
      return exportImage(effect.format);
    case 'backToLive':
      return done(state.backToLive());
  }
}

const done = (_: void) => Promise.resolve();

export function failureOf(error: unknown): Failure {
  if (error instanceof DockwireError) {
    return {
      text: error.message,
      detail: [
        ...(error.details?.dockerMessage ? [`Docker said: ${error.details.dockerMessage}`] : []),
        ...(error.details?.rolledBack ?? []).map((u) => `Undone: ${u}`),
      ],
      unchanged: error.code === 'no-change',
    };
  }
  return { text: error instanceof Error ? error.message : String(error), detail: [], unchanged: false };
}

/** The one progress path of a change. */
async function execute<T>(change: Change<T>, options: { inDialog: boolean }): Promise<Outcome<T>> {
  const { showToast, dismissToast } = useDockwire.getState();
  const id = nextToastId();
  if (!options.inDialog) showToast({ id, kind: 'progress', text: change.doing });
  try {
    const result = await change.call(client());
    const text = typeof change.done === 'function' ? change.done(result) : change.done;
    showToast({ id, kind: 'ok', text, detail: [`= ${change.command}`] });
    if (change.reveal) useDockwire.getState().requestFit(change.reveal, true);
    setTimeout(() => dismissToast(id), 4000);
    return { ok: true, result, text };
  } catch (error) {
    const failure = failureOf(error);
    if (options.inDialog && !failure.unchanged) dismissToast(id);
    else showToast({ id, kind: failure.unchanged ? 'info' : 'error', text: failure.text, detail: failure.detail });
    return { ok: false, failure };
  }
}

/** Applies a diagnosis's fix, then runs the same test again to show it worked. */
async function applyFix(fix: Fix, spec: TestSpec): Promise<void> {
  const topology = useDockwire.getState().topology;
  const container = topology?.containers.find((c) => c.id === fix.container)?.name ?? fix.container;
  const outcome = await execute(
    connectChange({ container: fix.container, network: fix.network }, { container, network: fix.networkName }),
    {
      inDialog: false,
    },
  );
  if (!outcome.ok) return;
  // Test again once the connect's event has reached the live Topology (the backend tests against the same model);
  // if it never comes, the test runs anyway and says what it finds.
  const connected = (t: Topology) =>
    t.containers.some((c) => c.id === fix.container && c.endpoints.some((e) => e.networkId === fix.network && e.endpointId));
  await whenTopology(connected, 5000);
  await runs.runTest(client(), spec);
}

/** Adds or removes an engine; the window's picture follows through the usual events as the new set answers. */
async function changeEngines(add: AddEngineParams | undefined, remove: string | undefined): Promise<Outcome<EngineList>> {
  try {
    const result = remove !== undefined ? await client().removeEngine({ name: remove }) : await client().addEngine(add!);
    const text = remove !== undefined ? `No longer following ${remove}.` : `Following ${add!.context ?? add!.host} too.`;
    return { ok: true, result, text };
  } catch (error) {
    return { ok: false, failure: { text: error instanceof Error ? error.message : String(error), detail: [], unchanged: false } };
  }
}
