/** Pure: the context menu's items for what was right-clicked, straight from the action registry. */
import type { Topology } from '../../../common/topology';
import { carryOut } from '../actions/effects';
import { actionsFor, effectOf, titleOf } from '../actions/registry';
import { subjectOf } from '../actions/subject';
import type { MenuTarget } from '../store/slices';

export interface MenuItem {
  label: string;
  run(): void;
  danger?: boolean;
}

export function menuItems(target: MenuTarget, topology: Topology): MenuItem[] {
  return actionsFor({ topology, subject: subjectOf(topology, target) }).map((entry) => ({
    label: titleOf(entry),
    danger: entry.action.danger,
    run: () => carryOut(effectOf(entry)),
  }));
}
