/**
 * What an action is, in the spirit of VS Code's commands and Excalidraw's actions: an id, a title naming what it
 * acts on, its keys, when it applies (a rule of common/rules.ts), and what it does as an Effect. Pure. The lists
 * are ./subjectActions.ts, ./globalActions.ts and ./panelActions.ts; ./registry.ts looks them up and runs them.
 */
import type { AddEngineParams } from '../../../common/engineList';
import type { ConnectSpec, NetworkSpec, RunSpec } from '../../../common/specs';
import type { Fix, TestSpec } from '../../../common/testReport';
import type { TraceSpec } from '../../../common/trace';
import type { WireSpec } from '../../../common/wirePlan';
import type { AnyChange } from './changes';
import type { Effect } from './perform';
import type { ActionContext, Subject } from './subject';

export type Kind = Subject['kind'];
export type Of<K extends Kind> = ActionContext & { subject: Extract<Subject, { kind: K }> };

/** What the actions that take input (a form's, a panel's) are given; the others take none. */
export interface ActionInputs {
  'container.dropOn': { networkId: string; byHand: boolean };
  'test.run': TestSpec;
  'test.applyFix': { fix: Fix; spec: TestSpec };
  'test.fromHost': { target: string; httpPath: string };
  'test.trace': TraceSpec;
  'pull.cancel': { pullId: number };
  'container.connectTo': ConnectSpec;
  'container.wireTo': WireSpec & { wireId: number };
  'container.run': { spec: RunSpec; pullId: number | null };
  'network.create': NetworkSpec;
  'change.confirm': { change: AnyChange };
  'engines.add': AddEngineParams;
  'engines.remove': { name: string };
}
export type InputOf<Id extends string> = Id extends keyof ActionInputs ? ActionInputs[Id] : undefined;

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
  effect(ctx: Of<K>, input: never): Effect;
  danger?: boolean;
  /** Changes and tests nothing (view, save, export, close a panel): offered on a snapshot too. */
  viewOnly?: true;
  /** Run from a panel's or a form's own button, with what it holds; not offered in menus or the palette. */
  panel?: true;
}

export const define = <K extends Kind, I = never>(action: Omit<Action<K>, 'effect'> & { effect(ctx: Of<K>, input: I): Effect }) =>
  action as unknown as Action;
