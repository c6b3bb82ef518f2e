import { describe, expect, it } from 'vitest';
import { formatRate, rateLabel, ratesBetween, trafficLevel, type CountersSample } from './traffic';

const counters = (txBytes: number, rxBytes: number) => ({ txBytes, rxBytes, txPackets: 0, rxPackets: 0, txDropped: 0, rxDropped: 0 });
const sample = (at: number, tx: number, rx: number, hand = 0): CountersSample => ({
  at,
  endpoints: [{ containerId: 'c', networkId: 'n', ifname: 'eth0', counters: counters(tx, rx) }],
  links: hand ? [{ containerId: 'c', ifindex: 30, counters: counters(hand, 0) }] : [],
});

describe('rates on the wires', () => {
  it('are the difference of two samples per second, by wire', () => {
    const rates = ratesBetween(sample(1000, 1000, 5000), sample(3000, 3000, 2_005_000, 500));
    expect(rates.get('ep:c:n')).toEqual({ tx: 1000, rx: 1_000_000 });
    // A wire in only one of the samples has no rate yet.
    expect(rates.has('hw:c:30')).toBe(false);
  });

  it('read as zero when a counter went back (the link was made anew)', () => {
    expect(ratesBetween(sample(0, 5000, 5000), sample(1000, 10, 10)).get('ep:c:n')).toEqual({ tx: 0, rx: 0 });
  });

  it('say how much in decimal units, and nothing for a quiet wire', () => {
    expect(rateLabel({ tx: 1_234_567, rx: 30_000 })).toBe('↑ 1.2 MB/s ↓ 30 kB/s');
    expect(rateLabel({ tx: 512, rx: 0 })).toBe('↑ 512 B/s ↓ 0 B/s');
    expect(rateLabel({ tx: 40, rx: 20 })).toBeNull();
    expect(rateLabel(undefined)).toBeNull();
    expect(formatRate(2_500)).toBe('2.5 kB/s');
    expect(formatRate(3e9)).toBe('3.0 GB/s');
  });

  it('weigh a wire by its busier direction', () => {
    expect([undefined, { tx: 10, rx: 10 }, { tx: 5000, rx: 0 }, { tx: 0, rx: 500_000 }, { tx: 2e6, rx: 0 }].map(trafficLevel)).toEqual([
      0, 0, 1, 2, 3,
    ]);
  });
});
