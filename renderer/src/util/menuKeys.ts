/** Arrow keys move between a menu's items (wrapping), Escape closes it: the context menu's and the toolbar's alike. */
import type { KeyboardEvent } from 'react';

export function onMenuKey(event: KeyboardEvent, list: HTMLElement | null, close: () => void): void {
  const buttons = [...(list?.querySelectorAll('button') ?? [])];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (event.key === 'Escape') close();
  if (event.key === 'ArrowDown') buttons[(at + 1) % buttons.length]?.focus();
  if (event.key === 'ArrowUp') buttons[(at - 1 + buttons.length) % buttons.length]?.focus();
}
