/** The right-click (or Shift+F10) menu; arrow keys move, Enter runs, Escape closes. */
import { useEffect, useRef } from 'react';
import { useDockwire, useTopology } from '../store/store';
import { menuItems } from './menuItems';
import { onMenuKey } from '../util/menuKeys';
import { actionContext } from '../actions/context';

export function ContextMenu() {
  const menu = useDockwire((state) => state.menu);
  const topology = useTopology();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // With nothing to offer (a snapshot, a ghost), the menu itself takes focus, so Escape still closes it.
    (list.current?.querySelector<HTMLButtonElement>('button') ?? list.current)?.focus();
  }, [menu]);
  if (!menu || !topology) return null;
  const { closeMenu } = useDockwire.getState();
  const ctx = actionContext(useDockwire.getState(), menu.target);
  const items = ctx ? menuItems(ctx) : [];
  return (
    <div
      className="menu-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && closeMenu()}
      onContextMenu={(event) => event.preventDefault()}
    >
      <div
        ref={list}
        className="context-menu"
        role="menu"
        tabIndex={-1}
        data-testid="context-menu"
        style={{ left: menu.x, top: menu.y }}
        onKeyDown={(event) => onMenuKey(event, list.current, closeMenu)}
      >
        {ctx?.readOnly && (
          <p className="menu-note" role="note" data-testid="read-only-note">
            {ctx.readOnly}
          </p>
        )}
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className={item.danger ? 'danger' : ''}
            onClick={() => {
              closeMenu();
              item.run();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}
