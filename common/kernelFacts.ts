/**
 * Kernel facts as the native helper reports them (rtnetlink), for the pure
 * topology builder. Their shapes are the helper protocol's (./helperProtocol.ts).
 */

import type { KernelLink, KernelNamespace } from './helperProtocol.js';

export type { KernelAddress, KernelLink, KernelNamespace, KernelRouteEntry } from './helperProtocol.js';

export interface KernelFacts {
  hostLinks: KernelLink[];
  /** By container id: the namespace of that container's process. */
  namespaces: Record<string, KernelNamespace>;
}

export type HelperMode = 'container' | 'local' | 'unavailable' | 'off';

export interface HelperStatus {
  mode: HelperMode;
  /** Why the helper is unavailable or off; null when it runs. */
  reason: string | null;
  /** Something worth saying while it runs, e.g. that it was restarted after it stopped answering. */
  notice?: string | null;
  /**
   * Wirings by hand that a helper left unfinished when it stopped (the app was closed, or a stuck helper was
   * replaced, mid-wire), which this helper undid at its start: their host veths, deleted with their pairs.
   */
  undone?: string[];
}
