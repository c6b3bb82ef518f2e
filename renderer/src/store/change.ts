/**
 * A change to the host, as data: what to say while it runs and once it is done, the command a person would type
 * to make it, and the call that makes it. Built by ../actions/changes.ts; held by the store while a confirmation
 * asks about it; carried out by ../actions/perform.ts.
 */
import type { DockwireClient } from '../../../common/contract';

export interface Change<T = unknown> {
  doing: string;
  done: string | ((result: T) => string);
  /** The equivalent command (docker's, or dockwire's where Docker has none). */
  command: string;
  call(client: DockwireClient): Promise<T>;
  /** Graph nodes (ids) that show the result, brought into view once it is done if any is off screen. */
  reveal?: string[];
}

/** A change whatever its result (what an Effect carries: its result is read only by its own `done`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Change<T> of any T must fit; `done` alone reads the result
export type AnyChange = Change<any>;
