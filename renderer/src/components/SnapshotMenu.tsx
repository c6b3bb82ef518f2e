/** The toolbar's Snapshot menu: save, open, compare, export, back to live; its items come from the action registry. */
import { useEffect, useRef, useState } from 'react';
import { actionContext } from '../actions/context';
import { globalActions, performEntry, titleOf } from '../actions/registry';
import { onMenuKey } from '../util/menuKeys';
import { useDockwire } from '../store/store';

const SNAPSHOT_ACTIONS = [
  'global.saveSnapshot',
  'global.openSnapshot',
  'global.compareSnapshot',
  'global.backToLive',
  'global.exportPng',
  'global.exportSvg',
];

export function SnapshotMenu() {
  const [open, setOpen] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const ready = useDockwire((state) => state.topology !== null);
  // Which items apply depends on the view (a served snapshot cannot go back to live).
  useDockwire((state) => state.view);
  useEffect(() => {
    if (open) list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const ctx = open ? actionContext(useDockwire.getState(), null) : null;
  const entries = ctx
    ? globalActions(ctx)
        .filter((entry) => SNAPSHOT_ACTIONS.includes(entry.action.id))
        .sort((a, b) => SNAPSHOT_ACTIONS.indexOf(a.action.id) - SNAPSHOT_ACTIONS.indexOf(b.action.id))
    : [];
  return (
    <div className="toolbar-menu">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!ready}
        onClick={() => setOpen(!open)}
        title="Save, open and compare snapshots; export the view as a picture"
      >
        Snapshot ▾
      </button>
      {open && (
        <>
          <div className="menu-backdrop" onMouseDown={() => setOpen(false)} />
          <div
            ref={list}
            className="context-menu toolbar-dropdown"
            role="menu"
            aria-label="Snapshot"
            data-testid="snapshot-menu"
            onKeyDown={(event) => onMenuKey(event, list.current, close)}
          >
            {entries.map((entry) => (
              <button
                key={entry.action.id}
                type="button"
                role="menuitem"
                onClick={() => {
                  setOpen(false);
                  void performEntry(entry);
                }}
              >
                {titleOf(entry)}
              </button>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
