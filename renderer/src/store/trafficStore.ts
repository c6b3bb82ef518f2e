/**
 * Live traffic on the wires: each sampled wire's rate now and its last minute,
 * from counters sampled once a second (./trafficSampler.ts). A store of its
 * own: a tick re-renders only the wires and rows whose rate changed, never the
 * rest of the app. Only the wires in the latest sample are kept, so what it
 * holds is bounded by what is on screen.
 */
import { create } from 'zustand';
import { countersByWire, ratesBetween, type CountersSample, type WireRate } from '../../../common/traffic';

/** How much history a wire keeps: a minute of one-second samples. */
export const HISTORY_SECONDS = 60;

export interface RatePoint extends WireRate {
  at: number;
}

interface TrafficState {
  rates: Record<string, WireRate>;
  history: Record<string, RatePoint[]>;
  last: CountersSample | null;
  apply(sample: CountersSample): void;
  clear(): void;
}

export const useTraffic = create<TrafficState>()((set) => ({
  rates: {},
  history: {},
  last: null,
  apply: (sample) =>
    set((state) => {
      if (!state.last) return { last: sample };
      const rates: Record<string, WireRate> = {};
      const history: Record<string, RatePoint[]> = {};
      const sampled = countersByWire(sample);
      for (const [key, rate] of ratesBetween(state.last, sample)) {
        // A rate that did not change keeps its object, so the wire showing it does not redraw.
        const before = state.rates[key];
        rates[key] =
          before && Math.round(before.tx) === Math.round(rate.tx) && Math.round(before.rx) === Math.round(rate.rx) ? before : rate;
        history[key] = [...(state.history[key] ?? []), { at: sample.at, ...rate }].slice(-HISTORY_SECONDS);
      }
      // A wire sampled now for the first time has no rate yet, but keeps its place in the history.
      for (const key of sampled.keys()) history[key] ??= state.history[key] ?? [];
      return { rates, history, last: sample };
    }),
  clear: () => set({ rates: {}, history: {}, last: null }),
}));
