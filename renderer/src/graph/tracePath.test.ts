import { describe, expect, it } from 'vitest';
import type { TraceHopReport, TraceReport } from '../../../common/trace';
import { tracePath } from './tracePath';

const hop = (label: string, wire: TraceHopReport['wire'], request: boolean | null, reply: boolean | null = request): TraceHopReport => ({
  role: 'source',
  label,
  ifname: label,
  bridge: null,
  containerId: null,
  wire,
  request,
  reply,
  error: null,
  seen: null,
  mtu: 1500,
});
const web = { containerId: 'web', networkId: 'front' };
const db = { containerId: 'db', networkId: 'back' };
const report = (outcome: TraceReport['outcome'], hops: TraceHopReport[], firstMissing: string | null = null): TraceReport => ({
  spec: { from: 'web', target: 'db' },
  from: { id: 'web', name: 'web' },
  target: { text: 'db', address: '10.2.0.2', containerId: 'db', name: 'db' },
  proto: 'icmp',
  port: null,
  hops,
  outcome,
  lastSeen: null,
  firstMissing,
  reason: null,
  dnat: null,
  counted: [],
  elapsedMs: 1,
  lastPacketMs: 1,
  firewallError: null,
});

describe('a trace lit on the graph', () => {
  it('green up to where the packets died, red at the first wire that did not see them, nothing past it', () => {
    const path = tracePath(
      report(
        'lost',
        [
          hop('web eth0', web, true, false),
          hop('veth-web', web, true, false),
          hop('br-front', null, true),
          hop('br-back', null, false),
          hop('veth-db', db, false),
          hop('db eth0', db, false),
        ],
        'br-back',
      ),
    );
    expect([...path.wires]).toEqual([
      ['ep:web:front', 'ok'],
      ['ep:db:back', 'fail'],
    ]);
  });

  it('there and not back: the first wire from the target that saw no answer is red', () => {
    const path = tracePath(
      report('lost', [
        hop('web eth0', web, true, false),
        hop('veth-web', web, true, false),
        hop('veth-db', db, true, true),
        hop('db eth0', db, true, true),
      ]),
    );
    expect(path.wires.get('ep:web:front')).toBe('fail');
    expect(path.wires.get('ep:db:back')).toBe('ok');
  });

  it('a hand-made veth lights its own wire; a refusal marks the target card', () => {
    const hand = { containerId: 'bare', linkIfindex: 41 };
    const path = tracePath(report('refused', [hop('bare eth0', hand, true), hop('hv1', hand, true)]));
    expect([...path.wires]).toEqual([['hw:bare:41', 'ok']]);
    expect(path.failedAt).toBe('db');
  });
});
