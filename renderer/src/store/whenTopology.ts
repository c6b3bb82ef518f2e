/**
 * Waits for the live Topology to show something (a change's event reaching the page), instead of a guessed time.
 *
 * @example
 * await whenTopology((t) => t.containers.some((c) => c.id === id && c.endpoints.some((e) => e.networkId === net)), 5000);
 */
import type { Topology } from '../../../common/topology';
import { useDockwire } from './store';

/** Resolves true once the store's Topology satisfies `predicate`, or false when `timeoutMs` passes first. */
export function whenTopology(predicate: (topology: Topology) => boolean, timeoutMs: number): Promise<boolean> {
  const now = useDockwire.getState().topology;
  if (now && predicate(now)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (shown: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(shown);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    const unsubscribe = useDockwire.subscribe((state, previous) => {
      if (state.topology !== previous.topology && state.topology && predicate(state.topology)) done(true);
    });
  });
}
