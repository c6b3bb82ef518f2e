/**
 * Samples the traffic counters of what is on screen once a second, while the
 * window is visible and the graph shows a live engine with its kernel view.
 * Counters have no change events (every packet changes them), so this is the
 * one timer of the renderer: it reads only the containers drawn (not those in
 * collapsed groups or filtered out), in one call, and skips while hidden.
 * While a firewall section is open, every few ticks it reads the firewall's
 * counters too.
 * Part of the store's subscription layer (./subscribe.ts starts it).
 */
import type { DockwireClient } from '../../../common/contract';
import { containerNodeId } from '../layout/ids';
import type { DockwireState } from './slices';
import { useDockwire } from './store';
import { readFirewall, useFirewall } from './firewallStore';
import { useTraffic } from './trafficStore';

const SAMPLE_EVERY_MS = 1000;
/** The firewall is read every this many samples while a section shows it (a read walks every rule). */
const FIREWALL_EVERY = 3;
/** A bound on one sample's request, whatever is on screen. */
const MAX_SAMPLED = 1000;

/** Whether counters can be read now: a visible window on a live engine with its kernel view. */
function countersReadable(state: DockwireState, visible = document.visibilityState === 'visible'): boolean {
  const { topology } = state;
  if (!visible || !topology || state.view.kind === 'snapshot' || state.engineStatus?.state !== 'live') return false;
  return topology.helper.mode === 'container' || topology.helper.mode === 'local';
}

/** The running containers whose cards are drawn now; none when traffic cannot be read. */
export function sampledContainers(state: DockwireState, visible = document.visibilityState === 'visible'): string[] {
  const { topology } = state;
  if (!topology || !countersReadable(state, visible)) return [];
  const placement = state.filtered && state.filtered.query === state.query ? state.filtered.placement : state.placement;
  const collapsed = new Set(state.collapsed ?? []);
  return topology.containers
    .filter((c) => {
      const frame = placement.parents[containerNodeId(c.id)];
      return c.state === 'running' && frame !== undefined && !collapsed.has(frame);
    })
    .slice(0, MAX_SAMPLED)
    .map((c) => c.id);
}

/** Samples until the returned function is called. */
export function startTrafficSampler(client: DockwireClient): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let ticks = 0;
  const tick = async () => {
    const containers = sampledContainers(useDockwire.getState());
    ticks += 1;
    if (ticks % FIREWALL_EVERY === 0 && useFirewall.getState().watchers > 0 && countersReadable(useDockwire.getState()))
      void readFirewall(client);
    if (containers.length === 0) useTraffic.getState().clear();
    else {
      try {
        useTraffic.getState().apply(await client.counters({ containers }));
      } catch {
        useTraffic.getState().clear(); // the engine or the helper went away: the banner says so
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), SAMPLE_EVERY_MS);
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
