/**
 * The keyboard equivalents of the gestures, from the action registry: each key
 * runs the action it names on the selection (Delete, C, T…), Shift+F10 or the
 * menu key opens the selection's menu, Ctrl/Cmd+K the command palette, and
 * Escape stops picking a test target. Keys are ignored while typing, and while
 * a dialog, menu or the palette is open (they handle their own keys).
 *
 * @example
 * function App() { useGlobalKeys(); … }
 */
import { useEffect } from 'react';
import { actionContext } from '../actions/context';
import { containerNodeId, networkNodeId } from '../layout/ids';
import { actionForKey, isActionKey, notify, performEntry } from '../actions/registry';
import { useDockwire } from '../store/store';

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
  if ((event.target as HTMLElement).closest?.('input, select, textarea')) return;
  if (!state.topology || !state.selection || event.ctrlKey || event.metaKey || event.altKey) return;
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
