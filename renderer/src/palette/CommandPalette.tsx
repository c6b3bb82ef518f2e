/**
 * The command palette (Ctrl/Cmd+K): every action that applies to the
 * selection, then the global ones, filtered by what is typed (every word must
 * match). Arrows move, Enter runs, Escape closes; focus returns where it was.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { actionContext } from '../actions/context';
import { actionsFor, globalActions, performEntry, titleOf } from '../actions/registry';
import type { Topology } from '../../../common/topology';
import { useDockwire, useSelection, useTopology } from '../store/store';
import { paletteMatches } from './paletteMatches';

export function CommandPalette() {
  const open = useDockwire((state) => state.palette);
  const topology = useTopology();
  // Mounted afresh on every opening: its filter starts empty, with no state reset in an effect.
  return open && topology ? <OpenPalette topology={topology} /> : null;
}

function OpenPalette({ topology }: { topology: Topology }) {
  const selection = useSelection();
  const view = useDockwire((state) => state.view);
  const compare = useDockwire((state) => state.compare);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const [returnFocus] = useState(() => document.activeElement as HTMLElement | null);
  const entries = useMemo(() => {
    const state = { topology, view, compare };
    const [own, global] = [actionContext(state, selection), actionContext(state, null)];
    return [...(own ? actionsFor(own) : []), ...(global ? globalActions(global) : [])].map((entry) => ({ entry, title: titleOf(entry) }));
  }, [topology, selection, view, compare]);
  const shown = paletteMatches(entries, query);
  useEffect(() => input.current?.focus(), []);

  const close = () => {
    useDockwire.getState().closePalette();
    returnFocus?.focus?.();
  };
  const run = (index: number) => {
    const chosen = shown[index];
    if (!chosen) return;
    close();
    void performEntry(chosen.entry);
  };
  return (
    <div className="menu-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div className="palette" role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette">
        <input
          ref={input}
          value={query}
          placeholder="Type an action…"
          aria-label="Filter actions"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-actions"
          aria-activedescendant={shown[active] ? `palette-item-${active}` : undefined}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
            else if (event.key === 'ArrowDown') setActive((at) => Math.min(at + 1, shown.length - 1));
            else if (event.key === 'ArrowUp') setActive((at) => Math.max(at - 1, 0));
            else if (event.key === 'Enter') run(active);
            else return;
            event.preventDefault();
          }}
        />
        <ul id="palette-actions" role="listbox" aria-label="Actions">
          {shown.map(({ entry, title }, index) => (
            <li
              key={`${entry.action.id}:${title}`}
              id={`palette-item-${index}`}
              role="option"
              aria-selected={index === active}
              className={`${index === active ? 'active' : ''}${entry.action.danger ? ' danger' : ''}`}
              onMouseEnter={() => setActive(index)}
              onMouseDown={(event) => {
                event.preventDefault();
                run(index);
              }}
            >
              <span>{title}</span>
              {entry.action.keyHint && !entry.derived && <kbd>{entry.action.keyHint}</kbd>}
            </li>
          ))}
          {shown.length === 0 && <li className="muted">No action matches “{query}”.</li>}
        </ul>
      </div>
    </div>
  );
}
