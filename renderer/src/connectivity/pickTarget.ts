/** Picking a test's target on the graph: while the test panel waits for one, a click on a container is the choice. */
import { runTest } from '../actions/connectivity';
import { useDockwire } from '../store/store';
import { testSpecFrom } from './testSpec';

/** True when the click was taken as the target (and the test runs). */
export function pickTarget(containerName: string): boolean {
  const state = useDockwire.getState();
  if (!state.picking || !state.testFrom) return false;
  state.setPicking(false);
  state.setTestDraft({ target: containerName });
  void runTest(testSpecFrom(state.testFrom, { ...state.testDraft, target: containerName }));
  return true;
}
