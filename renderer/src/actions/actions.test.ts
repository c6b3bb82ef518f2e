import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import { containerJson, endpointJson, facts, HOST, networkJson, NONE } from '../../../tests/fixtures/dockerJson';
import { dropVerdict } from './drop';
import { actionForKey, actionsFor, effectOf, globalActions, titleOf } from './registry';
import { subjectOf } from './subject';

const SHOP = networkJson('shop_backend', { IPAM: { Config: [{ Subnet: '10.220.8.0/24', Gateway: '10.220.8.1' }] } });
const OTHER = networkJson('blog_default', { IPAM: { Config: [{ Subnet: '10.220.9.0/24', Gateway: '10.220.9.1' }] } });
const topology = buildTopology(
  facts(
    [SHOP, OTHER, HOST, NONE],
    [
      containerJson('shop-web-1', 'shop_backend', { shop_backend: endpointJson(SHOP, '10.220.8.6') }),
      containerJson('hosty', 'host', { host: endpointJson(HOST, null) }),
      containerJson(
        'stopped',
        'shop_backend',
        { shop_backend: endpointJson(SHOP, null) },
        { State: { Status: 'exited', Running: false, Pid: 0 } },
      ),
    ],
  ),
  1,
  'now',
);
const byName = (name: string) => topology.containers.find((c) => c.name === name)!;
const net = (name: string) => topology.networks.find((n) => n.name === name)!;
const ctxOf = (selection: Parameters<typeof subjectOf>[1]) => ({ topology, subject: subjectOf(topology, selection) });
const web = byName('shop-web-1');

describe('the action registry', () => {
  it('lists a container’s actions by name, its disconnects before the destructive Remove', () => {
    const titles = actionsFor(ctxOf({ kind: 'container', id: web.id })).map(titleOf);
    expect(titles).toEqual([
      'Test connectivity from shop-web-1…',
      'Capture packets on shop-web-1',
      'Connect shop-web-1 to a network…',
      'Wire shop-web-1 to a bridge by hand…',
      'Stop shop-web-1…',
      'Restart shop-web-1',
      'Disconnect shop-web-1 from shop_backend…',
      'Remove shop-web-1…',
    ]);
  });

  it('runs Delete on what is selected: a wire disconnects, a container is removed, each asked first and named', () => {
    const wire = actionForKey('Delete', ctxOf({ kind: 'endpoint', containerId: web.id, networkId: SHOP.Id }))!;
    const effect = effectOf(wire);
    expect(effect).toMatchObject({
      kind: 'confirm',
      confirmation: { title: 'Disconnect shop-web-1 from shop_backend?', confirmLabel: 'Disconnect' },
    });
    expect(effect.kind === 'confirm' && effect.confirmation.change.command).toBe('docker network disconnect shop_backend shop-web-1');
    const remove = effectOf(actionForKey('Delete', ctxOf({ kind: 'container', id: web.id }))!);
    expect(remove.kind === 'confirm' && remove.confirmation.change.command).toBe('docker stop shop-web-1 && docker rm shop-web-1');
    expect(actionForKey('Delete', ctxOf(null))).toBeNull();
  });

  it('says why a network cannot be removed, and names what a removal disconnects (stopped ones too)', () => {
    expect(effectOf(actionForKey('Delete', ctxOf({ kind: 'network', id: HOST.Id }))!)).toEqual({
      kind: 'notice',
      text: 'host is one of Docker’s own networks (bridge, host, none): it cannot be removed.',
    });
    const effect = effectOf(actionForKey('Delete', ctxOf({ kind: 'network', id: SHOP.Id }))!);
    expect(effect).toMatchObject({ kind: 'confirm', confirmation: { confirmLabel: 'Disconnect 2 and remove' } });
    expect(effect.kind === 'confirm' && effect.confirmation.body).toContain('shop-web-1, stopped (exited)');
    expect(effect.kind === 'confirm' && effect.confirmation.change.command).toBe(
      'docker network disconnect shop_backend shop-web-1 && docker network disconnect shop_backend stopped && docker network rm shop_backend',
    );
  });

  it('offers Start, not Stop, for a stopped container, and the global actions without a selection', () => {
    const titles = actionsFor(ctxOf({ kind: 'container', id: byName('stopped').id })).map(titleOf);
    expect(titles).toContain('Start stopped');
    expect(titles).not.toContain('Stop stopped…');
    expect(globalActions({ ...ctxOf(null), view: { kind: 'live' } }).map(titleOf)).toEqual([
      'New network…',
      'Run container…',
      'Engines… (follow more Docker engines, or fewer)',
      'Fit the graph to the window',
      'Save a snapshot of the engine (JSON)',
      'Export the view as PNG',
      'Export the view as SVG',
      'Open snapshot…',
      'Compare the engine with a snapshot…',
    ]);
  });
});

describe('on a snapshot', () => {
  const reason = 'This is a snapshot of vm, taken then, not the engine: nothing can be changed or tested.';
  const opened = { kind: 'snapshot', snapshot: topology, name: 'monday.json', served: false } as const;

  it('offers nothing that changes or tests, by menu or key, and says why a drop does nothing', () => {
    const ctx = { ...ctxOf({ kind: 'container', id: web.id }), view: opened, readOnly: reason };
    expect(actionsFor(ctx)).toEqual([]);
    expect(actionForKey('Delete', ctx)).toBeNull();
    expect(actionForKey('t', ctx)).toBeNull();
    expect(dropVerdict(web, net('blog_default'), false, reason)).toEqual({ allowed: false, reason });
  });

  it('still saves, exports, compares and goes back to live; a served snapshot has no live to go to', () => {
    const global = { ...ctxOf(null), view: opened, readOnly: reason };
    expect(globalActions(global).map((entry) => entry.action.id)).toEqual([
      'global.fit',
      'global.saveSnapshot',
      'global.exportPng',
      'global.exportSvg',
      'global.openSnapshot',
      'global.compareSnapshot',
      'global.backToLive',
    ]);
    const served = { ...global, view: { ...opened, served: true } };
    expect(globalActions(served).map((entry) => entry.action.id)).toEqual([
      'global.fit',
      'global.saveSnapshot',
      'global.exportPng',
      'global.exportSvg',
    ]);
  });
});

describe('dropping a container on a network', () => {
  it('opens the connect dialog, or wires by hand with Shift', () => {
    expect(dropVerdict(web, net('blog_default'), false)).toEqual({
      allowed: true,
      effect: { kind: 'dialog', dialog: { kind: 'connect', containerId: web.id, networkId: OTHER.Id } },
    });
    expect(dropVerdict(web, net('shop_backend'), true)).toMatchObject({ allowed: true, effect: { dialog: { kind: 'wire' } } });
  });

  it('refuses with the reason: already there, a host-mode container, Docker’s host network', () => {
    expect(dropVerdict(web, net('shop_backend'), false)).toEqual({
      allowed: false,
      reason: 'shop-web-1 is already on shop_backend: nothing to do.',
    });
    expect(dropVerdict(byName('hosty'), net('blog_default'), false)).toEqual({
      allowed: false,
      reason: 'hosty runs with --network host: Docker connects it to no network.',
    });
    expect(dropVerdict(web, net('host'), false)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('docker run --network host'),
    });
  });
});
