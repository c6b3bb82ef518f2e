import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import type { Topology } from '../../../common/topology';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { containerJson, endpointJson, facts, networkJson } from '../../../tests/fixtures/dockerJson';
import { BUS_HEIGHT, CARD_WIDTH, containerHeight } from './geometry';
import { groupsOf } from './groups';
import { containerNodeId, EMPTY_PLACEMENT, frameSize, groupNodeId, networkNodeId, placeNodes, type Placement } from './placeNodes';

interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Absolute rectangles of every frame, bus and card. */
function rects(placement: Placement, topology: Topology, collapsed = new Set<string>()): Rect[] {
  const result: Rect[] = [];
  for (const frameId of Object.keys(placement.frames)) {
    const at = placement.positions[frameId];
    if (!at) continue;
    const size = frameSize(frameId, placement, topology, collapsed);
    result.push({ id: frameId, x: at.x, y: at.y, w: size.width, h: size.height });
  }
  for (const [id, parent] of Object.entries(placement.parents)) {
    if (collapsed.has(parent)) continue;
    const origin = placement.positions[parent]!;
    const at = placement.positions[id]!;
    const container = topology.containers.find((c) => containerNodeId(c.id) === id);
    const w = id.startsWith('net:') ? placement.frames[parent]!.innerWidth : CARD_WIDTH;
    const h = container ? containerHeight(container, topology.unmanagedLinks) : BUS_HEIGHT;
    result.push({ id, x: origin.x + at.x, y: origin.y + at.y, w, h });
  }
  return result;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (inner: Rect, outer: Rect) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

function expectNoOverlaps(all: Rect[], placement: Placement) {
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const [a, b] = [all[i]!, all[j]!];
      // A frame and what is in it overlap by design.
      if (placement.parents[a.id] === b.id || placement.parents[b.id] === a.id) continue;
      expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

const host = composeHostTopology();
const options = { aspect: 1600 / 940, collapsed: new Set<string>() };

describe('groups of a compose host', () => {
  it('makes one group per project, one for what was started by hand, each network in its project', () => {
    const groups = groupsOf(host);
    expect(groups.map((g) => g.title)).toEqual(['auth', 'blog', 'chat', 'monitor', 'proxy', 'shop', 'started by hand']);
    const shop = groups.find((g) => g.title === 'shop')!;
    expect(shop.containers.map((id) => host.containers.find((c) => c.id === id)!.name)).toEqual([
      'shop-api-1',
      'shop-cache-1',
      'shop-db-1',
      'shop-web-1',
      'shop-worker-1',
    ]);
    expect(shop.networks.map((id) => host.networks.find((n) => n.id === id)!.name)).toEqual(['shop_default', 'shop_backend']);
    // host and none are used (debug-host is in host mode), the default bridge too: in the by-hand group.
    expect(groups.find((g) => g.kind === 'hand')!.networks.map((id) => host.networks.find((n) => n.id === id)!.name)).toEqual([
      'bridge',
      'host',
    ]);
    expect(groups.flatMap((g) => g.networks).map((id) => host.networks.find((n) => n.id === id)!.name)).not.toContain('none');
  });

  it('draws a sidecar started by hand in a project container’s namespace beside that container, not with what was started by hand', () => {
    const web = host.containers.find((c) => c.name === 'shop-web-1')!;
    const sidecar = {
      ...web,
      id: 'f'.repeat(64),
      name: 'web-debug',
      labels: {},
      networkModeKind: 'container' as const,
      netnsOwner: web.id,
      endpoints: [],
    };
    const groups = groupsOf({ ...host, containers: [...host.containers, sidecar] });
    const shop = groups.find((g) => g.title === 'shop')!.containers;
    expect(shop.indexOf(sidecar.id)).toBe(shop.indexOf(web.id) + 1);
    expect(groups.find((g) => g.kind === 'hand')!.containers).not.toContain(sidecar.id);
  });
});

describe('placeNodes', () => {
  const placement = placeNodes(host, EMPTY_PLACEMENT, options);
  const all = rects(placement, host);

  it('places every bus and card, inside its group’s frame, with no two overlapping', () => {
    for (const container of host.containers) expect(placement.parents[containerNodeId(container.id)], container.name).toBeDefined();
    for (const rect of all.filter((r) => !r.id.startsWith('grp:'))) {
      expect(
        inside(
          rect,
          all.find((r) => r.id === placement.parents[rect.id])!,
        ),
        `${rect.id} inside its frame`,
      ).toBe(true);
    }
    expectNoOverlaps(all, placement);
  });

  it('follows the canvas’s shape: about as wide, for its height, as the canvas, and never a strip', () => {
    const frames = all.filter((r) => r.id.startsWith('grp:'));
    const width = Math.max(...frames.map((r) => r.x + r.w));
    const height = Math.max(...frames.map((r) => r.y + r.h));
    expect(width / height).toBeGreaterThan(options.aspect / 2);
    expect(width / height).toBeLessThan(options.aspect * 2);
    const tall = placeNodes(host, EMPTY_PLACEMENT, { ...options, aspect: 0.6 });
    const tallFrames = rects(tall, host).filter((r) => r.id.startsWith('grp:'));
    expect(Math.max(...tallFrames.map((r) => r.x + r.w)) / Math.max(...tallFrames.map((r) => r.y + r.h))).toBeLessThan(width / height);
  });

  it('puts a container under its home bus: a card below its bus, and the bus above its first row', () => {
    const web = host.containers.find((c) => c.name === 'shop-web-1')!;
    const bus = placement.positions[networkNodeId(host.networks.find((n) => n.name === 'shop_default')!.id)]!;
    const card = placement.positions[containerNodeId(web.id)]!;
    expect(card.y).toBeGreaterThan(bus.y);
  });

  it('moves nothing already placed when a container and a network are added live, and places the new ones without overlap', () => {
    const more = composeHostTopology();
    const extraNet = networkJson('shop_extra', {
      Labels: { 'com.docker.compose.project': 'shop' },
      IPAM: { Config: [{ Subnet: '10.230.0.0/24', Gateway: '10.230.0.1' }] },
    });
    const shopDefault = more.networks.find((n) => n.name === 'shop_default')!;
    const added = buildTopology(
      facts(
        [extraNet],
        [
          containerJson(
            'shop-web-2',
            'shop_default',
            { shop_default: endpointJson({ Id: shopDefault.id, Name: 'shop_default' }, '10.220.1.99') },
            {
              Config: { Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } },
            },
          ),
          containerJson('newcomer', 'x', {}, { Config: { Labels: { 'com.docker.compose.project': 'newapp' } } }),
        ],
      ),
      2,
      'now',
    );
    const merged: Topology = {
      ...more,
      networks: [...more.networks, ...added.networks.filter((n) => !more.networks.some((m) => m.id === n.id))],
      containers: [...more.containers, ...added.containers],
    };
    const next = placeNodes(merged, placement, options);
    for (const [id, at] of Object.entries(placement.positions)) expect(next.positions[id], id).toEqual(at);
    const web2 = merged.containers.find((c) => c.name === 'shop-web-2')!;
    expect(next.parents[containerNodeId(web2.id)]).toBe(groupNodeId('p:shop'));
    expect(next.parents[networkNodeId(extraNet.Id)]).toBe(groupNodeId('p:shop'));
    expect(next.frames[groupNodeId('p:newapp')]).toBeDefined();
    expectNoOverlaps(rects(next, merged), next);
  });

  it('collapsed groups are tiles, packed without overlap; Tidy lays everything out again', () => {
    const collapsed = new Set(Object.keys(placement.frames));
    const packed = placeNodes(host, placement, { ...options, collapsed, repack: true });
    expectNoOverlaps(rects(packed, host, collapsed), packed);
    const moved = { ...placement, positions: { ...placement.positions, [Object.keys(placement.frames)[0]!]: { x: 9999, y: 9999 } } };
    expect(placeNodes(host, moved, { ...options, tidy: true }).positions).toEqual(placement.positions);
  });
});
