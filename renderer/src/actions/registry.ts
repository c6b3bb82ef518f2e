/**
 * Every action a person can take, in one registry, in the spirit of VS Code's
 * commands and Excalidraw's actions: an id, a title naming what it acts on,
 * its keys, when it applies, and what it does as an Effect. Pure: keys, menus,
 * the inspector, the palette and the drop all ask here, so every way of doing
 * a thing does the same thing.
 */
import { whyNotCapture, whyNotConnect, whyNotDisconnect, whyNotRemoveNetwork, whyNotRunOn, whyNotWire } from '../../../common/rules';
import type { ContainerInfo, NetworkInfo } from '../../../common/topology';
import { containerActionChange, disconnectChange, removeNetworkChange, unwireChange } from './changes';
import type { Effect } from './effects';
import type { ActionContext, Subject } from './subject';

type Kind = Subject['kind'];
type Of<K extends Kind> = ActionContext & { subject: Extract<Subject, { kind: K }> };

export interface Action<K extends Kind = Kind> {
  id: string;
  /** What it acts on; 'none' is a global action (it needs no selection). */
  on: K;
  title(ctx: Of<K>): string;
  /** KeyboardEvent.key values that run it, when its subject is selected. */
  keys?: string[];
  /** Shown in the palette beside the title. */
  keyHint?: string;
  applies?(ctx: Of<K>): boolean;
  effect(ctx: Of<K>): Effect;
  danger?: boolean;
  /** Changes and tests nothing (view, save, export): offered on a snapshot too. */
  viewOnly?: true;
}

const define = <K extends Kind>(action: Action<K>) => action as unknown as Action;

const DELETE = ['Delete', 'Backspace'];
// Whether an action applies is the rule's answer (common/rules.ts), the same the drop, the dialogs and the backend get.
const allowed = (why: string | null) => why === null;

/** The containers that a network's removal disconnects first (stopped ones too). */
export function usersOf(ctx: ActionContext, network: NetworkInfo): ContainerInfo[] {
  return ctx.topology.containers.filter((c) => c.endpoints.some((e) => e.networkId === network.id));
}

const shownName = (c: ContainerInfo) => (c.state === 'running' ? c.name : `${c.name} (${c.state})`);

function disconnectEffect(container: ContainerInfo, network: NetworkInfo): Effect {
  const names = { container: container.name, network: network.name };
  return {
    kind: 'confirm',
    confirmation: {
      title: `Disconnect ${container.name} from ${network.name}?`,
      body: `${container.name} loses its interface and address on ${network.name}; containers there can no longer reach it by name.`,
      confirmLabel: 'Disconnect',
      change: disconnectChange({ container: container.id, network: network.id }, names),
    },
  };
}

export const ACTIONS: Action[] = [
  define({
    id: 'container.test',
    on: 'container',
    title: ({ subject }) => `Test connectivity from ${subject.container.name}…`,
    keys: ['t', 'T'],
    keyHint: 'T',
    effect: ({ subject }) => ({ kind: 'openTest', containerId: subject.container.id }),
  }),
  define({
    id: 'container.capture',
    on: 'container',
    title: ({ subject }) => `Capture packets on ${subject.container.name}`,
    applies: ({ subject }) => allowed(whyNotCapture(subject.container)),
    effect: ({ subject }) => ({ kind: 'openCapture', containerId: subject.container.id }),
  }),
  define({
    id: 'container.connect',
    on: 'container',
    title: ({ subject }) => `Connect ${subject.container.name} to a network…`,
    keys: ['c', 'C'],
    keyHint: 'C',
    applies: ({ subject }) => allowed(whyNotConnect(subject.container)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'connect', containerId: subject.container.id } }),
  }),
  define({
    id: 'container.wire',
    on: 'container',
    title: ({ subject }) => `Wire ${subject.container.name} to a bridge by hand…`,
    applies: ({ subject }) => allowed(whyNotWire(subject.container)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'wire', containerId: subject.container.id } }),
  }),
  define({
    id: 'container.start',
    on: 'container',
    title: ({ subject }) => `Start ${subject.container.name}`,
    applies: ({ subject }) => subject.container.state !== 'running',
    effect: ({ subject }) => ({ kind: 'change', change: containerActionChange(subject.container, 'start') }),
  }),
  define({
    id: 'container.stop',
    on: 'container',
    title: ({ subject }) => `Stop ${subject.container.name}…`,
    applies: ({ subject }) => subject.container.state === 'running',
    effect: ({ subject: { container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Stop ${container.name}?`,
        body: `${container.name} stops; its endpoints lose their addresses until it starts again.`,
        confirmLabel: 'Stop',
        change: containerActionChange(container, 'stop'),
      },
    }),
  }),
  define({
    id: 'container.restart',
    on: 'container',
    title: ({ subject }) => `Restart ${subject.container.name}`,
    effect: ({ subject }) => ({ kind: 'change', change: containerActionChange(subject.container, 'restart') }),
  }),
  define({
    id: 'container.remove',
    on: 'container',
    title: ({ subject }) => `Remove ${subject.container.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    effect: ({ subject: { container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Remove ${container.name}?`,
        body:
          container.state === 'running'
            ? `${container.name} is stopped first, as docker stop does (SIGTERM, then SIGKILL after 10 s), then deleted with its endpoints.`
            : `${container.name} is deleted with its endpoints.`,
        confirmLabel: 'Remove',
        change: containerActionChange(container, 'remove'),
      },
    }),
  }),
  define({
    id: 'endpoint.disconnect',
    on: 'endpoint',
    title: ({ subject }) => `Disconnect ${subject.container.name} from ${subject.network.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    applies: ({ subject }) => allowed(whyNotDisconnect(subject.container, subject.network)),
    effect: ({ subject }) => disconnectEffect(subject.container, subject.network),
  }),
  define({
    id: 'endpoint.test',
    on: 'endpoint',
    title: ({ subject }) => `Test connectivity from ${subject.container.name}…`,
    keys: ['t', 'T'],
    keyHint: 'T',
    effect: ({ subject }) => ({ kind: 'openTest', containerId: subject.container.id }),
  }),
  define({
    id: 'endpoint.capture',
    on: 'endpoint',
    title: ({ subject }) => `Capture packets on ${subject.container.name} ${subject.endpoint.ifname ?? ''}`.trimEnd(),
    applies: ({ subject }) => allowed(whyNotCapture(subject.container)) && subject.endpoint.ifname !== null,
    effect: ({ subject }) => ({ kind: 'openCapture', containerId: subject.container.id, iface: subject.endpoint.ifname! }),
  }),
  define({
    id: 'link.capture',
    on: 'link',
    title: ({ subject }) => `Capture packets on ${subject.container?.name ?? ''} ${subject.link.peer?.ifname ?? ''}`.trimEnd(),
    applies: ({ subject }) => Boolean(subject.container && allowed(whyNotCapture(subject.container)) && subject.link.peer),
    effect: ({ subject }) => ({ kind: 'openCapture', containerId: subject.container!.id, iface: subject.link.peer!.ifname }),
  }),
  define({
    id: 'link.unwire',
    on: 'link',
    title: ({ subject }) =>
      `Unwire ${subject.link.peer?.ifname ?? subject.link.name}${subject.container ? ` from ${subject.container.name}` : ''}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    applies: ({ subject }) => Boolean(subject.container && subject.link.peer),
    effect: ({ subject: { link, container } }) => ({
      kind: 'confirm',
      confirmation: {
        title: `Unwire ${link.peer!.ifname} from ${container!.name}?`,
        body: `Deletes the veth pair ${link.name} <-> ${link.peer!.ifname}: ${container!.name} loses that interface${link.peer!.addresses.length ? ` and its addresses ${link.peer!.addresses.join(', ')}` : ''}.`,
        confirmLabel: 'Unwire',
        change: unwireChange(container!, link.peer!.ifname, link.name),
      },
    }),
  }),
  define({
    id: 'network.testAllPairs',
    on: 'network',
    title: ({ subject }) => `Test all pairs on ${subject.network.name}`,
    applies: ({ subject }) => allowed(whyNotRunOn(subject.network)),
    effect: ({ subject }) => ({ kind: 'matrix', networkId: subject.network.id }),
  }),
  define({
    id: 'network.runContainer',
    on: 'network',
    title: ({ subject }) => `Run a container on ${subject.network.name}…`,
    applies: ({ subject }) => allowed(whyNotRunOn(subject.network)),
    effect: ({ subject }) => ({ kind: 'dialog', dialog: { kind: 'runContainer', network: subject.network.name } }),
  }),
  define({
    id: 'network.remove',
    on: 'network',
    title: ({ subject }) => `Remove network ${subject.network.name}…`,
    keys: DELETE,
    keyHint: 'Delete',
    danger: true,
    effect: (ctx) => {
      const { network } = ctx.subject;
      const refusal = whyNotRemoveNetwork(network);
      if (refusal) return { kind: 'notice', text: refusal };
      const users = usersOf(ctx, network);
      const them = users.length > 1 ? 'them' : 'it';
      return {
        kind: 'confirm',
        confirmation: {
          title: `Remove network ${network.name}?`,
          body: users.length
            ? `${network.name} is in use by ${users.map(shownName).join(', ')}. Dockwire will disconnect ${them} first, and put ${them} back as ${users.length > 1 ? 'they were' : 'it was'} if the removal fails.`
            : `Nothing is attached to ${network.name}.`,
          confirmLabel: users.length ? `Disconnect ${users.length} and remove` : 'Remove',
          change: removeNetworkChange(network, users),
        },
      };
    },
  }),
  define({
    id: 'global.createNetwork',
    on: 'none',
    title: () => 'New network…',
    effect: () => ({ kind: 'dialog', dialog: { kind: 'createNetwork' } }),
  }),
  define({
    id: 'global.runContainer',
    on: 'none',
    title: () => 'Run container…',
    effect: () => ({ kind: 'dialog', dialog: { kind: 'runContainer' } }),
  }),
  define({
    id: 'global.fit',
    on: 'none',
    title: () => 'Fit the graph to the window',
    effect: () => ({ kind: 'fit' }),
    viewOnly: true,
  }),
  define({
    id: 'global.saveSnapshot',
    on: 'none',
    title: ({ view }) => (view?.kind === 'snapshot' ? 'Save this snapshot (JSON)' : 'Save a snapshot of the engine (JSON)'),
    effect: () => ({ kind: 'saveSnapshot' }),
    viewOnly: true,
  }),
  define({
    id: 'global.exportPng',
    on: 'none',
    title: () => 'Export the view as PNG',
    effect: () => ({ kind: 'exportImage', format: 'png' }),
    viewOnly: true,
  }),
  define({
    id: 'global.exportSvg',
    on: 'none',
    title: () => 'Export the view as SVG',
    effect: () => ({ kind: 'exportImage', format: 'svg' }),
    viewOnly: true,
  }),
  define({
    id: 'global.openSnapshot',
    on: 'none',
    title: () => 'Open snapshot…',
    applies: ({ view }) => !(view?.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'pickSnapshot', purpose: 'open' }),
    viewOnly: true,
  }),
  define({
    id: 'global.compareSnapshot',
    on: 'none',
    title: () => 'Compare the engine with a snapshot…',
    applies: ({ view }) => !(view?.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'pickSnapshot', purpose: 'compare' }),
    viewOnly: true,
  }),
  define({
    id: 'global.backToLive',
    on: 'none',
    title: ({ view }) => (view?.kind === 'compare' ? 'Stop comparing' : 'Back to the live engine'),
    applies: ({ view }) => view !== undefined && view.kind !== 'live' && !(view.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'backToLive' }),
    viewOnly: true,
  }),
];

/** A global action by id (the toolbar's buttons), with a context made with no subject; null when it does not apply. */
export function globalAction(id: string, ctx: ActionContext): { action: Action; ctx: ActionContext } | null {
  const action = ACTIONS.find((a) => a.id === id && a.on === 'none');
  if (!action) throw new Error(`no global action ${id}`);
  return applicable(action, ctx) ? { action, ctx } : null;
}

function applicable(action: Action, ctx: ActionContext): boolean {
  if (ctx.readOnly && !action.viewOnly) return false;
  return action.on === ctx.subject.kind && (action.applies?.(ctx as Of<Kind>) ?? true);
}

/** The actions on the subject, in registry order (a container's also offer to disconnect it from each of its networks). */
export interface ActionEntry {
  action: Action;
  ctx: ActionContext;
  /** Offered on another subject than the selection's (a container's disconnects): its keys do not apply here. */
  derived?: boolean;
}

export function actionsFor(ctx: ActionContext): ActionEntry[] {
  const own = ACTIONS.filter((action) => action.on !== 'none' && applicable(action, ctx)).map((action) => ({ action, ctx }));
  if (ctx.subject.kind !== 'container') return own;
  const { container } = ctx.subject;
  const disconnects = container.endpoints.flatMap((endpoint) => {
    const network = ctx.topology.networks.find((n) => n.id === endpoint.networkId);
    if (!network) return [];
    const endpointCtx: ActionContext = { ...ctx, subject: { kind: 'endpoint', container, endpoint, network } };
    return ACTIONS.filter((a) => a.id === 'endpoint.disconnect' && applicable(a, endpointCtx)).map((action) => ({
      action,
      ctx: endpointCtx,
      derived: true,
    }));
  });
  // Before the destructive "Remove".
  const removeAt = own.findIndex((entry) => entry.action.id === 'container.remove');
  return [...own.slice(0, removeAt), ...disconnects, ...own.slice(removeAt)];
}

/** The actions that need no subject (the context is made with none). */
export function globalActions(ctx: ActionContext): ActionEntry[] {
  return ACTIONS.filter((action) => action.on === 'none' && applicable(action, ctx)).map((action) => ({ action, ctx }));
}

/** The action a key runs on the subject, if any. */
export function actionForKey(key: string, ctx: ActionContext): { action: Action; ctx: ActionContext } | null {
  const action = ACTIONS.find((a) => a.keys?.includes(key) && applicable(a, ctx));
  return action ? { action, ctx } : null;
}

/** Whether a key runs some action on this kind of subject (whether or not it applies now). */
export const isActionKey = (key: string, kind: Kind) => ACTIONS.some((a) => a.on === kind && a.keys?.includes(key));

export const titleOf = (entry: { action: Action; ctx: ActionContext }) => entry.action.title(entry.ctx as Of<Kind>);
export const effectOf = (entry: { action: Action; ctx: ActionContext }) => entry.action.effect(entry.ctx as Of<Kind>);
