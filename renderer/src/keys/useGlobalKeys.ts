/**
 * The keyboard equivalents of the gestures, from the action registry: each key
 * runs the action it names on the selection (Delete, C, T…), Shift+F10 or the
 * menu key opens the selection's menu, Ctrl/Cmd+K the command palette, / the
 * filter, ? the list of keys; Escape stops picking a test target, else closes
 * the panel beside the graph (a test, or the inspector) and gives focus back to
 * the graph. Keys are ignored while typing (but Escape), and while a dialog,
 * menu or the palette is open (they handle their own keys).
 *
 * @example
 * function App() { useGlobalKeys(); … }
 */
import { useEffect } from 'react';
import { actionContext } from '../actions/context';
import { containerNodeId, networkNodeId } from '../layout/ids';
import { act, actionForKey, isActionKey, notify, performEntry } from '../actions/registry';
import { useDockwire } from '../store/store';
import type { DockwireState } from '../store/slices';

export function useGlobalKeys(): void {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

function onKey(event: KeyboardEvent): void {
  const state = useDockwire.getState();
  if (state.dialog || state.menu || state.palette) return;
  if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    return state.openPalette();
  }
  if (event.key === 'Escape' && state.picking) return state.setPicking(false);
  const target = event.target as HTMLElement;
  // Escape in the panel beside the graph, or with focus nowhere (a button that did its work and went): close the panel.
  const panelOpen = Boolean(state.hostTest || state.testFrom || state.selection);
  if (event.key === 'Escape' && !event.defaultPrevented && panelOpen && (target.closest?.('.inspector') || target === document.body))
    return closePanel(state);
  if (target.closest?.('input, select, textarea')) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '/') {
    event.preventDefault();
    return document.querySelector<HTMLInputElement>('input.search')?.focus();
  }
  if (event.key === '?') {
    event.preventDefault();
    return state.openDialog({ kind: 'keys' });
  }
  if (!state.topology || !state.selection) return;
  if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
    event.preventDefault();
    const selection = state.selection;
    const id =
      selection.kind === 'endpoint'
        ? containerNodeId(selection.containerId)
        : selection.kind === 'link'
          ? ''
          : selection.kind === 'network'
            ? networkNodeId(selection.id)
            : containerNodeId(selection.id);
    const box = id ? document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect() : undefined;
    return state.openMenu(box ? box.left + 20 : 200, box ? box.top + 20 : 200, selection);
  }
  const ctx = actionContext(state, state.selection);
  const entry = ctx && actionForKey(event.key, ctx);
  if (!entry) {
    // A key that would act, on a snapshot or a ghost: say why nothing happens.
    if (ctx?.readOnly && isActionKey(event.key, ctx.subject.kind)) notify(ctx.readOnly);
    return;
  }
  event.preventDefault();
  void performEntry(entry);
}

/** Escape inside the panel beside the graph: closes it (the test first, then what is selected) and returns to the graph. */
function closePanel(state: DockwireState): void {
  const graph = document.querySelector<HTMLElement>('.graph-keys');
  if (state.hostTest || state.testFrom) {
    void act(state.hostTest ? 'test.closeFromHost' : 'test.close');
    // Back to the card tested from (focus selects it again: its inspector takes the test's place).
    const focusId = state.focusId;
    const card = focusId && document.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focusId)}"]`);
    return (card || graph)?.focus({ preventScroll: true });
  }
  // The inspector: nothing selected any more, and focus on the graph itself (on a card, focus would select it again).
  state.select(null);
  graph?.focus({ preventScroll: true });
}
