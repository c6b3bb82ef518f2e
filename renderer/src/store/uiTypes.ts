/** What the window shows over and beside the graph: a dialog, a menu, a drop's target, a toast. */
import type { AnyChange } from './change';

/** The dialog on screen, if any; each names what it acts on. */
export type Dialog =
  | { kind: 'createNetwork' }
  | { kind: 'runContainer'; network?: string }
  | { kind: 'connect'; containerId: string; networkId?: string }
  | { kind: 'wire'; containerId: string; networkId?: string }
  /** The list of keys. */
  | { kind: 'keys' }
  /** The engines followed, and the contexts that could be. */
  | { kind: 'engines' }
  /** Before a change that cuts something off: names what it acts on, and shows the equivalent command. */
  | { kind: 'confirm'; title: string; body: string; confirmLabel: string; change: AnyChange };

export type MenuTarget =
  | { kind: 'container'; id: string }
  | { kind: 'network'; id: string }
  | { kind: 'endpoint'; containerId: string; networkId: string }
  | { kind: 'link'; ifindex: number };

export interface DropTarget {
  /** The node that shows it: the network's bus, or a collapsed group's tile. */
  nodeId: string;
  networkId: string;
  allowed: boolean;
  /** Why not, when not allowed. */
  reason: string | null;
  /** The pointer, in the window: the hint follows it, above the dragged card (which would cover it anywhere else). */
  pointer: { x: number; y: number };
}

export interface Toast {
  id: number;
  kind: 'progress' | 'ok' | 'info' | 'error';
  text: string;
  /** Docker's own words, and what was undone, for errors. */
  detail?: string[];
}
