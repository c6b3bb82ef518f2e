/**
 * The firewall as the inspector shows it: the host's rules, read-only, as last read. Read when a firewall section
 * opens (its action), and again by the counter sampler (./trafficSampler.ts) every few seconds while one is open, so
 * its counters move; never written.
 */
import { create } from 'zustand';
import type { DockwireClient } from '../../../common/contract';
import type { FirewallView } from '../../../common/firewallView';

interface FirewallState {
  view: FirewallView | null;
  /** Of several engines, whose firewall it is (read again from the same one while a section is open). */
  engine?: string;
  error: string | null;
  /** How many firewall sections are open: the counters are read again only while one is. */
  watchers: number;
  watch(): () => void;
}

export const useFirewall = create<FirewallState>((set) => ({
  view: null,
  error: null,
  watchers: 0,
  watch: () => {
    set((state) => ({ watchers: state.watchers + 1 }));
    return () => set((state) => ({ watchers: Math.max(0, state.watchers - 1) }));
  },
}));

let inFlight: Promise<void> | null = null;

/** Reads the firewall once (one read at a time: a read asked for meanwhile shares the one in flight); of several engines, engine's. */
export function readFirewall(client: DockwireClient, engine = useFirewall.getState().engine): Promise<void> {
  inFlight ??= client
    .getFirewall(engine === undefined ? {} : { engine })
    .then(
      (view) => useFirewall.setState({ view, error: null, engine }),
      (error: unknown) => useFirewall.setState({ error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => (inFlight = null));
  return inFlight;
}
