/**
 * The engine methods of a backend whose engines are fixed at its start (one engine, several named at once, a
 * snapshot): it says what it follows, and refuses to change it. A window changes its engines through the
 * engine set around such a backend (./engineSet.ts).
 */
import type { Handlers } from '../common/contract.js';
import type { FollowedEngine } from '../common/engineList.js';
import { DockwireError } from '../common/errors.js';

export function fixedEngines(followed: () => FollowedEngine[], why: string): Pick<Handlers, 'listEngines' | 'addEngine' | 'removeEngine'> {
  const refuse = async (): Promise<never> => {
    throw new DockwireError('invalid', why);
  };
  return {
    listEngines: async () => ({ followed: followed(), contexts: [], canChange: false, rememberedIn: null, problem: null }),
    addEngine: refuse,
    removeEngine: refuse,
  };
}
