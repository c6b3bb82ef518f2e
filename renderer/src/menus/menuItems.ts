/** Pure: the context menu's items for what was right-clicked, straight from the action registry. */
import { actionsFor, performEntry, titleOf } from '../actions/registry';
import type { ActionContext } from '../actions/subject';

export interface MenuItem {
  label: string;
  run(): void;
  danger?: boolean;
}

export function menuItems(ctx: ActionContext): MenuItem[] {
  return actionsFor(ctx).map((entry) => ({
    label: titleOf(entry),
    danger: entry.action.danger,
    run: () => void performEntry(entry),
  }));
}
