import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../../common/buildTopology';
import { containerJson, endpointJson, facts, networkJson } from '../../../../tests/fixtures/dockerJson';
import { containerHeight, ENDPOINT_ROW } from './geometry';
import { containerNodeId, networkNodeId, placeNodes, type Point } from './placeNodes';

const APP = networkJson('app', { IPAM: { Config: [{ Subnet: '10.1.0.0/24', Gateway: '10.1.0.1' }] } });

function topologyWith(count: number) {
  const containers = Array.from({ length: count }, (_, i) =>
    containerJson(`c${String(i).padStart(3, '0')}`, 'app', { app: endpointJson(APP, `10.1.0.${i + 2}`) }, { Id: `${i}`.padStart(64, 'f') }),
  );
  return buildTopology(facts([APP], containers), 1, 'now');
}

function overlaps(a: Point & { w: number; h: number }, b: Point & { w: number; h: number }) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('placeNodes', () => {
  it('places 100 containers with no two nodes overlapping', () => {
    const topology = topologyWith(100);
    const placed = placeNodes(topology, {});
    const boxes = topology.containers.map((c) => ({ ...placed[containerNodeId(c.id)]!, w: 280, h: containerHeight(c, []) }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    }
  });

  it('leaves room under each container for one more network, so joining one live overlaps nothing', () => {
    const topology = topologyWith(2);
    const placed = placeNodes(topology, {});
    const [first, second] = topology.containers.map((c) => placed[containerNodeId(c.id)]!);
    const grown = containerHeight(topology.containers[0]!, []) + ENDPOINT_ROW;
    expect(first!.y + grown).toBeLessThan(second!.y);
  });

  it('keeps every known position and places only the new nodes', () => {
    const before = topologyWith(3);
    const first = placeNodes(before, {});
    const moved = { ...first, [containerNodeId(before.containers[0]!.id)]: { x: 5000, y: 5000 } };
    const after = topologyWith(4);
    const second = placeNodes(after, moved);
    expect(Object.keys(second)).toEqual([containerNodeId(after.containers[3]!.id)]);
  });

  it('puts a new network in a new column to the right of the others', () => {
    const topology = topologyWith(1);
    const first = placeNodes(topology, {});
    const xs = topology.networks.map((n) => first[networkNodeId(n.id)]!.x);
    expect(new Set(xs).size).toBe(xs.length);
    expect(Math.max(...xs)).toBe(first[networkNodeId(APP.Id)]!.x);
  });

  it('places a container under its home network, right of the label zone', () => {
    const topology = topologyWith(1);
    const placed = placeNodes(topology, {});
    const network = placed[networkNodeId(APP.Id)]!;
    const container = placed[containerNodeId(topology.containers[0]!.id)]!;
    expect(container.x).toBeGreaterThan(network.x);
    expect(container.y).toBeGreaterThan(network.y);
  });
});
