/** The backend a one-shot command runs on: no periodic re-list, no kernel watch, and it gives up at the first failure to reach the engine. */
import { createBackend, type Backend } from '../backend.js';
import type { Timings } from '../util/stageTimings.js';

export function cliBackend({
  kernelView,
  timings,
  env = process.env,
}: {
  kernelView: boolean;
  timings?: Timings;
  env?: NodeJS.ProcessEnv;
}): Backend {
  return createBackend({ env: kernelView ? env : { ...env, DOCKWIRE_HELPER: 'off' }, safetyRelistMs: 3_600_000, oneShot: true, timings });
}
