import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../common/buildTopology';
import { containerJson, DEFAULT_BRIDGE, endpointJson, facts, handWiredLink, networkJson } from '../../../tests/fixtures/dockerJson';
import { buildGraph, visibleIds } from './buildGraph';
import { CONTAINER_HEADER, ENDPOINT_ROW, NODE_PADDING } from './layout/geometry';
import { placeNodes } from './layout/placeNodes';

const APP = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });
const web = containerJson('web', 'app', { app: endpointJson(APP, '10.1.0.2'), bridge: endpointJson(DEFAULT_BRIDGE, '172.17.0.2') });
const db = containerJson('db', 'app', { app: endpointJson(APP, '10.1.0.3') });
const sidecar = containerJson('sidecar', `container:${web.Id}`, {});
const topology = buildTopology(facts([APP], [web, db, sidecar]), 1, 'now');
const positions = placeNodes(topology, {});

const handWired = {
  ...topology,
  unmanagedLinks: [
    handWiredLink(db.Id, DEFAULT_BRIDGE.Id, { peer: { containerId: db.Id, ifname: 'eth1', ifindex: 31, addresses: ['172.17.42.99/16'] } }),
  ],
};

describe('buildGraph', () => {
  it('draws a hand-made veth as a wire from its bridge to a row of the container, marked as by hand', () => {
    const { nodes, edges } = buildGraph(handWired, placeNodes(handWired, {}), '', null);
    const wire = edges.find((e) => e.id === `hw:${db.Id}:30`)!;
    expect(wire).toMatchObject({ source: `net:${DEFAULT_BRIDGE.Id}`, target: `ctr:${db.Id}`, targetHandle: 'hw-30-left' });
    expect(wire.data).toMatchObject({ look: 'hand', lines: ['A ↔ eth1', '172.17.42.99/16', 'wired by hand'] });
    const node = nodes.find((n) => n.id === `ctr:${db.Id}`)!;
    expect(node.height).toBe(CONTAINER_HEADER + 2 * ENDPOINT_ROW + NODE_PADDING); // its endpoint and the hand-made row
  });

  it('search keeps the bridge a shown container was wired to by hand', () => {
    expect(visibleIds(handWired, 'db').has(DEFAULT_BRIDGE.Id)).toBe(true);
  });

  it('draws one edge per endpoint, from the network trunk to the container row', () => {
    const { edges } = buildGraph(topology, positions, '', null);
    const endpointEdges = edges.filter((e) => e.type === 'wire');
    expect(endpointEdges.map((e) => e.id).sort()).toEqual(
      [`ep:${db.Id}:${APP.Id}`, `ep:${web.Id}:${APP.Id}`, `ep:${web.Id}:${DEFAULT_BRIDGE.Id}`].sort(),
    );
  });

  it('draws a namespace sharer attached to its owner', () => {
    const { edges } = buildGraph(topology, positions, '', null);
    expect(edges.find((e) => e.id === `ns:${sidecar.Id}`)).toMatchObject({ source: `ctr:${web.Id}`, target: `ctr:${sidecar.Id}` });
  });

  it('enters a container from the side its network is on', () => {
    const { edges } = buildGraph(topology, positions, '', null);
    const toBridge = edges.find((e) => e.id === `ep:${web.Id}:${DEFAULT_BRIDGE.Id}`)!;
    const toApp = edges.find((e) => e.id === `ep:${web.Id}:${APP.Id}`)!;
    // web lives in the app column (right of bridge): bridge's edge comes from the left.
    expect(toApp.targetHandle).toBe(`ep-${APP.Id}-left`);
    expect(toBridge.targetHandle).toBe(`ep-${DEFAULT_BRIDGE.Id}-left`);
  });

  it('leaves out nodes the layout has not placed yet', () => {
    const { nodes } = buildGraph(topology, {}, '', null);
    expect(nodes).toEqual([]);
  });

  it('search keeps matches, their networks, and the containers of a matching network', () => {
    expect([...visibleIds(topology, 'db')].sort()).toEqual([db.Id, APP.Id].sort());
    const byNetwork = visibleIds(topology, 'app');
    expect(byNetwork.has(web.Id) && byNetwork.has(db.Id) && byNetwork.has(DEFAULT_BRIDGE.Id)).toBe(true);
    expect(byNetwork.has(sidecar.Id)).toBe(true); // shares web's namespace
    expect(visibleIds(topology, 'db').has(sidecar.Id)).toBe(false);
  });
});
