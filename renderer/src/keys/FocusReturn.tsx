/**
 * Focus goes back where it was after a dialog, menu or the palette closes: to
 * the element that had it when the first of them opened, if it is still on the
 * page; else to what is selected on the graph; else to the graph itself. (Left
 * alone, the browser drops focus on the page, and the keyboard user is lost.)
 */
import { useEffect } from 'react';
import { useDockwire } from '../store/store';
import type { DockwireState } from '../store/slices';

const overlayOpen = (state: DockwireState) => Boolean(state.dialog || state.menu || state.palette);

export function FocusReturn() {
  useEffect(() => {
    let returnTo: HTMLElement | null = null;
    return useDockwire.subscribe((state, previous) => {
      const open = overlayOpen(state);
      const wasOpen = overlayOpen(previous);
      if (open && !wasOpen) {
        const active = document.activeElement as HTMLElement | null;
        returnTo = active && active !== document.body ? active : null;
      }
      if (!open && wasOpen) {
        const target = returnTo;
        returnTo = null;
        // After React has removed the overlay (and anything it opened has had its turn).
        setTimeout(() => {
          if (overlayOpen(useDockwire.getState())) return;
          if (document.activeElement && document.activeElement !== document.body) return;
          const focusId = useDockwire.getState().focusId;
          const fallback =
            (focusId && document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focusId)}"]`)) ||
            document.querySelector<HTMLElement>('.graph-keys');
          (target?.isConnected ? target : fallback)?.focus({ preventScroll: true });
        }, 0);
      }
    });
  }, []);
  return null;
}
