/** The right-click (or Shift+F10) menu; arrow keys move, Enter runs, Escape closes. */
import { useEffect, useRef } from 'react';
import { useDockwire, useTopology } from '../store/store';
import { menuItems } from './menuItems';

export function ContextMenu() {
  const menu = useDockwire((state) => state.menu);
  const topology = useTopology();
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [menu]);
  if (!menu || !topology) return null;
  const { closeMenu } = useDockwire.getState();
  const items = menuItems(menu.target, topology);
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
        data-testid="context-menu"
        style={{ left: menu.x, top: menu.y }}
        onKeyDown={(event) => {
          const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
          const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
          if (event.key === 'Escape') closeMenu();
          if (event.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
          if (event.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
        }}
      >
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
