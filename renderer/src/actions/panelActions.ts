/**
 * The actions of the panels and the forms: what their own buttons do (run, cancel, apply the fix, stop, save,
 * close) and what a dialog's submit makes, with what the panel or the form holds. They are not offered in menus
 * or the palette (they need that input), but they run like every other action: ./registry.ts's act.
 */
import { define, type Action, type ActionInputs } from './action';
import { connectChange, createNetworkChange, pullAndRunChange, runContainerChange, wireChange } from './changes';
import type { Effect } from './perform';
import type { ActionContext } from './subject';

/** The names a change's wording uses, from the Topology (the ids as a last resort). */
const namesOf = (ctx: ActionContext, containerRef: string, networkRef: string) => {
  const container = ctx.topology.containers.find((c) => c.id === containerRef || c.name === containerRef);
  return {
    container: container?.name ?? containerRef,
    network: ctx.topology.networks.find((n) => n.id === networkRef || n.name === networkRef)?.name ?? networkRef,
    // Of several engines, the container's: the command is typed against it.
    ...(container?.host ? { engine: container.host } : {}),
  };
};

/** A panel's action with the input its id takes; viewOnly ones (cancel, close, save) also run on a snapshot. */
function panel<Id extends string>(
  id: Id,
  title: string,
  effect: (ctx: ActionContext, input: Id extends keyof ActionInputs ? ActionInputs[Id] : undefined) => Effect,
  viewOnly = false,
): Action {
  return define<'none', Id extends keyof ActionInputs ? ActionInputs[Id] : undefined>({
    id,
    on: 'none',
    title: () => title,
    panel: true,
    ...(viewOnly ? { viewOnly: true as const } : {}),
    effect,
  });
}

export const PANEL_ACTIONS: Action[] = [
  // The Engines dialog.
  panel('engines.add', 'Follow this engine too', (_ctx, engine) => ({ kind: 'changeEngines', add: engine })),
  panel('engines.remove', 'Stop following this engine', (_ctx, { name }) => ({ kind: 'changeEngines', remove: name })),
  // The connectivity test panel.
  panel('test.run', 'Run the test', (_ctx, spec) => ({ kind: 'runTest', spec })),
  panel('test.cancel', 'Cancel the test', () => ({ kind: 'cancelTest' }), true),
  panel('test.close', 'Close the test', () => ({ kind: 'closeTest' }), true),
  panel('test.applyFix', 'Apply the fix, then test again', (_ctx, { fix, spec }) => ({ kind: 'applyFix', fix, spec })),
  // A published port tested from the engine host.
  panel('test.fromHost', 'Test from the host', (_ctx, { target, httpPath }) => ({ kind: 'testFromHost', target, httpPath })),
  panel('test.closeFromHost', 'Close the test from the host', () => ({ kind: 'closeHostTest' }), true),
  // A trace of a test's packets, hop by hop (from the test panel or the test from the host).
  panel('test.trace', 'Trace the path', (_ctx, spec) => ({ kind: 'runTrace', spec })),
  panel('trace.close', 'Close the trace', () => ({ kind: 'closeTrace' }), true),
  // The inspector's firewall section: read (it only ever reads).
  panel('firewall.read', 'Read the firewall', () => ({ kind: 'readFirewall' })),
  // All pairs on a network.
  panel('allPairs.cancel', 'Cancel all pairs', () => ({ kind: 'cancelAllPairs' }), true),
  panel('allPairs.close', 'Close all pairs', () => ({ kind: 'closeAllPairs' }), true),
  // The packet list.
  panel('capture.apply', 'Capture with this filter', () => ({ kind: 'restartCapture' })),
  panel('capture.stop', 'Stop the capture', () => ({ kind: 'stopCapture' }), true),
  panel('capture.save', 'Save the packets as pcap', () => ({ kind: 'savePcap' }), true),
  panel('capture.close', 'Close the capture', () => ({ kind: 'closeCapture' }), true),
  // The run dialog's pull.
  panel('pull.cancel', 'Cancel the pull', (_ctx, { pullId }) => ({ kind: 'cancelPull', pullId }), true),

  // The dialogs' submits: the change each makes, failing inside the dialog so nothing typed is lost.
  panel('container.connectTo', 'Connect', (ctx, spec) => ({
    kind: 'change',
    inDialog: true,
    change: connectChange(spec, namesOf(ctx, spec.container, spec.network)),
  })),
  panel('container.wireTo', 'Wire by hand', (ctx, spec) => ({
    kind: 'change',
    inDialog: true,
    change: wireChange(spec, namesOf(ctx, spec.container, spec.network)),
  })),
  // An image the engine does not have is pulled first, its progress followed by the pullId.
  panel('container.run', 'Run', (_ctx, { spec, pullId }) => ({
    kind: 'change',
    inDialog: true,
    pullId,
    change: pullId === null ? runContainerChange(spec) : pullAndRunChange(spec, pullId),
  })),
  panel('network.create', 'Create the network', (_ctx, spec) => ({ kind: 'change', inDialog: true, change: createNetworkChange(spec) })),
  // A confirmation's change, made by the action that asked (a disconnect, a removal).
  panel('change.confirm', 'Confirm', (_ctx, { change }) => ({ kind: 'change', change })),
];
