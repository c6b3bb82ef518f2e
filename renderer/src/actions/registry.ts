/**
 * Every action a person can take, in one registry: keys, menus, the palette, the toolbar, the drop, the
 * inspector's buttons, the panels and the dialogs' submits all run an action here by its id, so every way of
 * doing a thing does the same thing. An action decides (pure: does it apply, what Effect); ./perform.ts carries
 * the Effect out. The lists: ./subjectActions.ts, ./globalActions.ts, ./panelActions.ts.
 */
import { useDockwire } from '../store/store';
import { notify } from '../store/notify';
import type { Selection } from '../store/slices';
import type { Action, ActionInputs, InputOf, Kind, Of } from './action';
import type { Change } from './changes';
import { actionContext } from './context';
import { GLOBAL_ACTIONS } from './globalActions';
import { PANEL_ACTIONS } from './panelActions';
import { carryOut, type Effect, type Outcome } from './perform';
import { SUBJECT_ACTIONS } from './subjectActions';
import type { ActionContext } from './subject';

export type { Action } from './action';
export { notify };

export const ACTIONS: Action[] = [...SUBJECT_ACTIONS, ...GLOBAL_ACTIONS, ...PANEL_ACTIONS];

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
  const own = ACTIONS.filter((action) => action.on !== 'none' && !action.panel && applicable(action, ctx)).map((action) => ({
    action,
    ctx,
  }));
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
  return ACTIONS.filter((action) => action.on === 'none' && !action.panel && applicable(action, ctx)).map((action) => ({ action, ctx }));
}

/** The action a key runs on the subject, if any. */
export function actionForKey(key: string, ctx: ActionContext): { action: Action; ctx: ActionContext } | null {
  const action = ACTIONS.find((a) => a.keys?.includes(key) && applicable(a, ctx));
  return action ? { action, ctx } : null;
}

/** Whether a key runs some action on this kind of subject (whether or not it applies now). */
export const isActionKey = (key: string, kind: Kind) => ACTIONS.some((a) => a.on === kind && a.keys?.includes(key));

export const titleOf = (entry: { action: Action; ctx: ActionContext }) => entry.action.title(entry.ctx as Of<Kind>);
export const effectOf = (entry: { action: Action; ctx: ActionContext }, input?: unknown) =>
  entry.action.effect(entry.ctx as Of<Kind>, input as never);

/** Runs an entry a menu, the palette, a key or the toolbar found. */
export function performEntry(entry: { action: Action; ctx: ActionContext }): Promise<Outcome<unknown> | void> {
  return carryOut(effectOf(entry));
}

/**
 * Runs the action with this id on what `target` names (nothing: a global or a panel's action), with the input
 * it takes, in the context the store holds now. An action that does not apply says why (a snapshot on screen,
 * or what it acts on is gone) instead of acting.
 */
export function act<Id extends string>(id: Id, input?: InputOf<Id>, target: Selection | null = null): Promise<Outcome<unknown> | void> {
  const action = ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`no action ${id}`);
  const ctx = actionContext(useDockwire.getState(), target);
  if (!ctx) return Promise.resolve(notify('The engine’s networks have not loaded yet.'));
  if (!applicable(action, ctx)) return Promise.resolve(notify(ctx.readOnly ?? `${id} does not apply here.`));
  return carryOut(action.effect(ctx as Of<Kind>, input as never));
}

/** The change a form's action would make with this input, to show its command before it is submitted. */
export function previewChange<Id extends keyof ActionInputs>(id: Id, input: InputOf<Id>): Change | null {
  const action = ACTIONS.find((a) => a.id === id);
  const ctx = actionContext(useDockwire.getState(), null);
  if (!action || !ctx) return null;
  const effect: Effect = action.effect(ctx as Of<Kind>, input as never);
  return effect.kind === 'change' ? effect.change : null;
}
