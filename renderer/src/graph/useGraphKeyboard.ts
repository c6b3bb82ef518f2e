/**
 * The graph by keyboard, in the spirit of a tree grid: the graph is one tab
 * stop; arrows move to what is drawn that way (a card, a bus, a group's title);
 * Down from a card enters its rows (its wires), Left from a row follows the wire
 * to its network's bus, Right goes back to the card; Right from a bus enters the
 * first container on it (top left first); Enter selects; Escape
 * clears the selection and leaves the graph. Focus and selection move together:
 * what the keyboard focuses is selected, so a key command (Delete, C, T…) acts
 * on what has focus. Focus moved off screen brings it into view.
 *
 * @example
 * const { wrapperRef, onFocus, onKeyDown } = useGraphKeyboard();
 * <div ref={wrapperRef} onFocus={onFocus} onKeyDown={onKeyDown}>…</div>
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';
import { DIRECTION_OF_KEY, nextInDirection, type Box } from './direction';
import { busOfRow, cardOfRow, selectionOfFocus } from './focusIds';
import { containerNodeId, isGroupNode, isNetworkNode, networkIdOfNode } from '../layout/ids';
import { useDockwire } from '../store/store';

const FOCUSABLE = '[data-focus-id]';

const focusIdOf = (element: Element | null) => (element as HTMLElement | null)?.closest<HTMLElement>(FOCUSABLE)?.dataset.focusId ?? null;

export function useGraphKeyboard() {
  const wrapperRef = useRef<HTMLDivElement>(null);
  const { screenToFlowPosition, setCenter, getZoom, getInternalNode } = useReactFlow();

  const elementOf = useCallback(
    (focusId: string) => wrapperRef.current?.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focusId)}"]`) ?? null,
    [],
  );

  /** Focuses what is named, panning it into view; a node not drawn (off screen) is centred first. */
  const moveTo = useCallback(
    (focusId: string) => {
      const show = (element: HTMLElement) => {
        element.focus({ preventScroll: true });
        const box = element.getBoundingClientRect();
        const view = wrapperRef.current!.getBoundingClientRect();
        if (box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom) return;
        const centre = screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
        void setCenter(centre.x, centre.y, { zoom: getZoom(), duration: 200 });
      };
      const element = elementOf(focusId);
      if (element) return show(element);
      const node = getInternalNode(focusId);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      void setCenter(x + (node.measured.width ?? 0) / 2, y + (node.measured.height ?? 0) / 2, { zoom: getZoom(), duration: 0 });
      requestAnimationFrame(() => requestAnimationFrame(() => elementOf(focusId)?.focus({ preventScroll: true })));
    },
    [elementOf, getInternalNode, getZoom, screenToFlowPosition, setCenter],
  );

  /** The card of the container on this bus that is drawn highest, then leftmost; null when none is drawn. */
  const firstAttachedCard = useCallback(
    (busFocusId: string) => {
      const networkId = networkIdOfNode(busFocusId);
      const cards = (useDockwire.getState().topology?.containers ?? [])
        .filter((c) => c.endpoints.some((e) => e.networkId === networkId))
        .map((c) => elementOf(containerNodeId(c.id)))
        .filter((element): element is HTMLElement => element !== null)
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
      return cards[0]?.element.dataset.focusId ?? null;
    },
    [elementOf],
  );

  // Keyboard focus selects what it lands on (a mouse click selects by itself, and must not on the press that starts a drag).
  const onFocus = useCallback((event: FocusEvent) => {
    const target = event.target as HTMLElement;
    const focusId = target.dataset.focusId;
    if (!focusId) return;
    const state = useDockwire.getState();
    if (state.focusId !== focusId) state.setFocusId(focusId);
    if (!target.matches(':focus-visible') || state.picking) return;
    const selection = selectionOfFocus(focusId);
    if (JSON.stringify(selection) !== JSON.stringify(state.selection)) state.select(selection);
  }, []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const focusId = focusIdOf(event.target as Element);
      if (!focusId || event.altKey || event.ctrlKey || event.metaKey) return;
      const state = useDockwire.getState();
      if (event.key === 'Escape') {
        if (state.picking) return;
        event.preventDefault();
        state.select(null);
        wrapperRef.current?.focus();
        return;
      }
      if ((event.key === 'Enter' || event.key === ' ') && !isGroupNode(focusId)) {
        event.preventDefault();
        return state.select(selectionOfFocus(focusId));
      }
      const direction = DIRECTION_OF_KEY[event.key];
      if (!direction) return;
      event.preventDefault();
      const card = cardOfRow(focusId) ?? focusId;
      const rows = [...(elementOf(card)?.querySelectorAll<HTMLElement>('[data-focus-id^="row:"]') ?? [])].map(
        (row) => row.dataset.focusId!,
      );
      const at = rows.indexOf(focusId);
      // A bus leads right into what hangs from it, as a tree's parent leads to its first child.
      if (direction === 'right' && isNetworkNode(focusId)) {
        const first = firstAttachedCard(focusId);
        if (first) return moveTo(first);
      }
      // Inside a card: down and up walk its rows; a row's wire leads left to its bus; right goes back to the card.
      if (direction === 'down' && focusId === card && rows.length) return moveTo(rows[0]!);
      if (at >= 0) {
        if (direction === 'down' && at < rows.length - 1) return moveTo(rows[at + 1]!);
        if (direction === 'up') return moveTo(at > 0 ? rows[at - 1]! : card);
        if (direction === 'right') return moveTo(card);
        if (direction === 'left') {
          const bus = busOfRow(focusId);
          if (bus && (elementOf(bus) || getInternalNode(bus))) return moveTo(bus);
          return;
        }
      }
      // Between things drawn: the nearest that way, from the card (a row moves as its card does).
      const from = elementOf(card);
      if (!from) return;
      const boxOf = (element: HTMLElement): Box => {
        const r = element.getBoundingClientRect();
        return { id: element.dataset.focusId!, x: r.left, y: r.top, width: r.width, height: r.height };
      };
      const candidates = [...wrapperRef.current!.querySelectorAll<HTMLElement>(FOCUSABLE)]
        .filter((element) => !element.dataset.focusId!.startsWith('row:'))
        .map(boxOf);
      const next = nextInDirection(boxOf(from), candidates, direction);
      if (next) moveTo(next);
    },
    [elementOf, firstAttachedCard, getInternalNode, moveTo],
  );

  // Focus asked for from outside the graph (Enter in the filter): moved there and selected, as the arrows would.
  useEffect(
    () =>
      useDockwire.subscribe((state, previous) => {
        const { count, focusId } = state.focusRequest;
        if (count === previous.focusRequest.count || !focusId) return;
        state.select(selectionOfFocus(focusId));
        // At once when the match is drawn (the next key typed goes to it), else once the filter's layout has drawn it.
        if (elementOf(focusId)) moveTo(focusId);
        else requestAnimationFrame(() => requestAnimationFrame(() => moveTo(focusId)));
      }),
    [elementOf, moveTo],
  );

  // The graph always has its one tab stop: if what held it is gone (removed, filtered out, collapsed), the first thing drawn.
  // (Checked after each render of the graph, and once more when React Flow has drawn its nodes.)
  useEffect(() => {
    const keepTabStop = () => {
      const { focusId, setFocusId } = useDockwire.getState();
      if (focusId && elementOf(focusId)) return;
      const first = wrapperRef.current?.querySelector<HTMLElement>(FOCUSABLE);
      if ((first?.dataset.focusId ?? null) !== focusId) setFocusId(first?.dataset.focusId ?? null);
    };
    keepTabStop();
    const timer = setTimeout(keepTabStop, 300);
    return () => clearTimeout(timer);
  });

  return { wrapperRef, onFocus, onKeyDown };
}
