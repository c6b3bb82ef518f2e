/** The backend a one-shot command runs on: no periodic re-list, no kernel watch, and it gives up at the first failure to reach the engine. */
import { createBackend, type Backend } from '../backend.js';
import type { Timings } from '../util/stageTimings.js';

export function cliBackend({ kernelView, timings }: { kernelView: boolean; timings?: Timings }): Backend {
  const env = kernelView ? process.env : { ...process.env, DOCKWIRE_HELPER: 'off' };
  return createBackend({ env, safetyRelistMs: 3_600_000, oneShot: true, timings });
}
