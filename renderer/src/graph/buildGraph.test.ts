import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import type { Topology } from '../../../common/topology';
import { composeHostTopology } from '../../../tests/fixtures/composeHost';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, handWiredLink, networkJson } from '../../../tests/fixtures/dockerJson';
import { groupNodeId } from '../layout/ids';
import { EMPTY_PLACEMENT, placeNodes } from '../layout/placeNodes';
import { shareTopology } from '../store/shareTopology';
import { buildGraph, type GraphInput } from './buildGraph';
import { visibleIds } from '../layout/filter';
import { GraphCache } from './graphCache';
import { compareView } from '../snapshots/compareView';

const APP = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });
const web = containerJson('web', 'app', { app: endpointJson(APP, '10.1.0.2'), bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.2') });
const db = containerJson('db', 'app', { app: endpointJson(APP, '10.1.0.3') });
const sidecar = containerJson('sidecar', `container:${web.Id}`, {});
const topology = buildTopology(facts([APP], [web, db, sidecar]), 1, 'now');
const layout = { aspect: 1.6, collapsed: new Set<string>() };

function input(t: Topology, overrides: Partial<GraphInput> = {}): GraphInput {
  return {
    topology: t,
    placement: placeNodes(t, EMPTY_PLACEMENT, layout),
    collapsed: new Set(),
    visible: visibleIds(t, ''),
    selection: null,
    highlight: null,
    showIdleNetworks: false,
    ...overrides,
  };
}

describe('buildGraph', () => {
  it('draws frames first, then buses and cards inside them, and one wire per endpoint, to its row', () => {
    const { nodes, edges } = buildGraph(input(topology));
    const firstChild = nodes.findIndex((n) => n.type !== 'frame');
    expect(nodes.slice(0, firstChild).every((n) => n.type === 'frame')).toBe(true);
    expect(nodes.slice(firstChild).every((n) => n.type !== 'frame' && n.parentId)).toBe(true);
    const wires = edges.filter((e) => e.type === 'wire');
    expect(wires.map((e) => e.id).sort()).toEqual(
      [`ep:${db.Id}:${APP.Id}`, `ep:${web.Id}:${APP.Id}`, `ep:${web.Id}:${DEFAULT_BRIDGE.Id}`].sort(),
    );
    expect(wires.find((e) => e.id === `ep:${web.Id}:${DEFAULT_BRIDGE.Id}`)).toMatchObject({
      source: `net:${DEFAULT_BRIDGE.Id}`,
      sourceHandle: 'bus',
      target: `ctr:${web.Id}`,
      targetHandle: 'row-1',
    });
  });

  it('a selected endpoint is its wire, bright; a selected container brightens its wires and dims the rest', () => {
    const endpoint = { kind: 'endpoint' as const, containerId: web.Id, networkId: APP.Id };
    const byId = (selection: GraphInput['selection']) =>
      new Map(
        buildGraph(input(topology, { selection })).edges.map((e) => [e.id, e as { selected?: boolean; data?: { emphasis?: string } }]),
      );
    const picked = byId(endpoint);
    expect(picked.get(`ep:${web.Id}:${APP.Id}`)).toMatchObject({ selected: true, data: { emphasis: 'related' } });
    expect(picked.get(`ep:${web.Id}:${DEFAULT_BRIDGE.Id}`)).toMatchObject({ selected: false, data: { emphasis: 'dim' } });
    const card = byId({ kind: 'container', id: db.Id });
    expect(card.get(`ep:${db.Id}:${APP.Id}`)?.data?.emphasis).toBe('related');
    expect(card.get(`ep:${web.Id}:${APP.Id}`)?.data?.emphasis).toBe('dim');
    // Another endpoint of the same container is not the one selected.
    expect(byId({ ...endpoint, networkId: DEFAULT_BRIDGE.Id }).get(`ep:${web.Id}:${APP.Id}`)?.selected).toBe(false);
  });

  it('draws a hand-made veth as a wire to a row of its own, marked as by hand', () => {
    const handWired = {
      ...topology,
      unmanagedLinks: [
        handWiredLink(db.Id, DEFAULT_BRIDGE.Id, {
          peer: { containerId: db.Id, ifname: 'eth1', ifindex: 31, addresses: ['172.17.42.99/16'] },
        }),
      ],
    };
    const { edges } = buildGraph(input(handWired));
    expect(edges.find((e) => e.id === `hw:${db.Id}:30`)).toMatchObject({
      source: `net:${DEFAULT_BRIDGE.Id}`,
      targetHandle: 'row-1',
      data: { look: 'hand' },
    });
    expect(visibleIds(handWired, 'db').has(DEFAULT_BRIDGE.Id)).toBe(true);
  });

  it('draws a namespace sharer tied to its owner', () => {
    const { edges } = buildGraph(input(topology));
    expect(edges.find((e) => e.id === `ns:${sidecar.Id}`)).toMatchObject({ source: `ctr:${web.Id}`, target: `ctr:${sidecar.Id}` });
  });

  it('a collapsed group is one tile; the wires to what it holds become one bundle per other end, with a count', () => {
    const host = composeHostTopology();
    const shop = groupNodeId('p:shop');
    const proxy = groupNodeId('p:proxy');
    const { nodes, edges } = buildGraph(input(host, { collapsed: new Set([shop]) }));
    expect(nodes.find((n) => n.id === shop)).toMatchObject({
      type: 'frame',
      data: { collapsed: true, containers: 5, running: 5, networks: 2 },
    });
    // What the tile holds is not handed to React Flow at all (every node passed costs on each update).
    expect(nodes.filter((n) => n.parentId === shop)).toEqual([]);
    const traefik = host.containers.find((c) => c.name === 'proxy-traefik-1')!;
    const bundle = edges.find((e) => e.source === shop && e.target === `ctr:${traefik.id}`);
    expect(bundle?.data).toMatchObject({ bundled: 1 });
    expect(nodes.find((n) => n.id === proxy)?.data).toMatchObject({ collapsed: false });
  });

  it('a bundle between two tiles of one row runs under the row when another tile stands between them', () => {
    const host = composeHostTopology();
    const frames = Object.keys(placeNodes(host, EMPTY_PLACEMENT, layout).frames);
    const collapsed = new Set(frames);
    const placement = placeNodes(host, EMPTY_PLACEMENT, { ...layout, collapsed });
    const tileToTile = (edges: ReturnType<typeof buildGraph>['edges']) =>
      edges.find((e) => collapsed.has(e.source) && collapsed.has(e.target));
    const bundle = tileToTile(buildGraph(input(host, { placement, collapsed })).edges)!;
    expect(bundle).toBeDefined();
    const third = frames.find((f) => f !== bundle.source && f !== bundle.target)!;
    const S = bundle.source;
    const T = bundle.target;
    const cases: Array<[string, Record<string, { x: number; y: number }>, string, string]> = [
      [
        'source, a third tile, target in one row: under the row',
        { [S]: { x: 0, y: 0 }, [third]: { x: 300, y: 0 }, [T]: { x: 600, y: 0 } },
        'tile-out-below',
        'tile-in-below',
      ],
      [
        'nothing between them (the third a row below): side to side',
        { [S]: { x: 0, y: 0 }, [third]: { x: 300, y: 200 }, [T]: { x: 600, y: 0 } },
        'tile-out',
        'tile-in',
      ],
      [
        'target to the left, nothing between: out on the left, in on the right',
        { [S]: { x: 600, y: 0 }, [third]: { x: 300, y: 200 }, [T]: { x: 0, y: 0 } },
        'tile-out-left',
        'tile-in-right',
      ],
      ['target a row below: bottom to top', { [S]: { x: 0, y: 0 }, [T]: { x: 0, y: 200 } }, 'tile-out-below', 'tile-in-above'],
      ['target a row above: top to bottom', { [S]: { x: 300, y: 200 }, [T]: { x: 0, y: 0 } }, 'tile-out-above', 'tile-in-below'],
    ];
    for (const [what, positions, sourceHandle, targetHandle] of cases) {
      const moved = { ...placement, positions: { ...placement.positions, ...positions } };
      expect(tileToTile(buildGraph(input(host, { placement: moved, collapsed })).edges), what).toMatchObject({
        sourceHandle,
        targetHandle,
      });
    }
  });

  it('every drawn child comes after its frame, whatever is collapsed or filtered out', () => {
    const host = composeHostTopology();
    const placement = placeNodes(host, EMPTY_PLACEMENT, layout);
    const frames = Object.keys(placement.frames);
    for (const query of ['', 'shop', 'traefik', 'nothing-matches'])
      for (const collapsed of [new Set<string>(), new Set(frames.slice(0, 2)), new Set(frames)]) {
        const { nodes } = buildGraph(input(host, { placement, collapsed, visible: visibleIds(host, query) }));
        const seen = new Set<string>();
        for (const node of nodes) {
          if (node.parentId) expect(seen.has(node.parentId), `${node.id} before its frame ${node.parentId} (${query})`).toBe(true);
          seen.add(node.id);
        }
      }
  });

  it('keeps the very same node objects for what an update did not touch', () => {
    const host = composeHostTopology();
    const cache = new GraphCache();
    const placement = placeNodes(host, EMPTY_PLACEMENT, layout);
    const first = buildGraph(input(host, { placement }), cache);
    // The same host, pushed again as fresh JSON, with one container stopped.
    const pushed: Topology = JSON.parse(JSON.stringify(host));
    const blog = pushed.containers.find((c) => c.name === 'blog-mysql-1')!;
    blog.state = 'exited';
    const shared = shareTopology(host, pushed);
    const second = buildGraph(input(shared, { placement }), cache);
    const changed = second.nodes.filter((node) => !first.nodes.includes(node)).map((node) => node.id);
    expect(changed.sort()).toEqual([`ctr:${blog.id}`, groupNodeId('p:blog')].sort());
    const changedEdges = second.edges.filter((edge) => !first.edges.includes(edge)).map((edge) => edge.id);
    expect(changedEdges).toEqual(host.containers.find((c) => c.id === blog.id)!.endpoints.map((e) => `ep:${blog.id}:${e.networkId}`));
  });
});

describe('buildGraph, comparing with a snapshot', () => {
  it('marks what is new, changed and removed on its card, bus and wires', () => {
    const snapshot = composeHostTopology();
    const live = structuredClone(snapshot);
    live.containers = live.containers.filter((c) => c.name !== 'blog-redis-1');
    const traefik = live.containers.find((c) => c.name === 'proxy-traefik-1')!;
    traefik.endpoints = traefik.endpoints.filter((e) => e.networkName !== 'chat_default');
    const view = compareView(snapshot, live);
    const { nodes, edges } = buildGraph(input(view.topology, { compare: view.marks }));
    const redis = snapshot.containers.find((c) => c.name === 'blog-redis-1')!;
    const card = nodes.find((n) => n.id === `ctr:${redis.id}`)!;
    expect(card.data).toMatchObject({ compare: { mark: 'removed' } });
    expect(nodes.find((n) => n.id === `ctr:${traefik.id}`)!.data).toMatchObject({ compare: { mark: 'changed' } });
    const wireMarks = edges
      .filter((e) => (e.data as { compare?: string }).compare)
      .map((e) => [e.id, (e.data as { compare?: string }).compare]);
    const chat = live.networks.find((n) => n.name === 'chat_default')!;
    expect(wireMarks).toEqual(
      expect.arrayContaining([
        [`ep:${redis.id}:${redis.endpoints[0]!.networkId}`, 'removed'],
        [`ep:${traefik.id}:${chat.id}`, 'removed'],
      ]),
    );
  });
});
