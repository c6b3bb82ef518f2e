import { describe, expect, it } from 'vitest';
import { parseProcRoute } from './procRoutes.js';

describe('parseProcRoute', () => {
  it('reads subnet routes with their interface, skipping the default route', () => {
    const text = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'eth0\t00000000\t0100D50A\t0003\t0\t0\t0\t00000000\t0\t0\t0',
      'eth0\t0000D50A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0',
      'eth1\t000014AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0',
      '',
    ].join('\n');
    expect(parseProcRoute(text)).toEqual([
      { ifname: 'eth0', destination: '10.213.0.0/24' },
      { ifname: 'eth1', destination: '172.20.0.0/16' },
    ]);
  });

  it('ignores malformed lines', () => {
    expect(parseProcRoute('header\ngarbage\neth0 zz 0 0 0 0 0 zz')).toEqual([]);
  });
});
