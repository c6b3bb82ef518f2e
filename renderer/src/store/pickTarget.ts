/**
 * Picking a test's target on the graph: while the test panel waits for one, a
 * click on a container is the choice. It fills the form (a port or path can
 * still be entered) and moves focus to Run; it does not start the test.
 */
import { useDockwire } from './store';

/** True when the click was taken as the target. */
export function pickTarget(containerName: string): boolean {
  const state = useDockwire.getState();
  if (!state.picking || !state.testFrom) return false;
  state.setPicking(false);
  state.setTestDraft({ target: containerName });
  setTimeout(() => document.querySelector<HTMLButtonElement>('[data-testid="test-run"]')?.focus(), 0);
  return true;
}
