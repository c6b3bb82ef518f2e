/**
 * Pure: which wires a test went over, to draw them green (passed) or red
 * (failed): the source's and the target's wires on the network the address
 * belongs to, or, when they share none, every wire of both.
 */
import { effectiveEndpoints } from '../../../common/diagnose';
import type { TestReport } from '../../../common/testReport';
import type { Topology } from '../../../common/topology';
import { endpointEdgeId } from '../graph/buildGraph';

export interface TestPath {
  edgeIds: Set<string>;
  ok: boolean;
}

export function testPath(topology: Topology, report: TestReport): TestPath {
  const from = topology.containers.find((c) => c.id === report.from.id);
  const target = report.target.containerId ? topology.containers.find((c) => c.id === report.target.containerId) : undefined;
  const edgeIds = new Set<string>();
  if (!from) return { edgeIds, ok: report.ok };
  // Wires belong to the container that owns the namespace (container:<x> shares x's).
  const wiresOf = (id: string) => {
    const container = topology.containers.find((c) => c.id === id)!;
    const owner = container.networkModeKind === 'container' && container.netnsOwner ? container.netnsOwner : id;
    return effectiveEndpoints(container, topology).map((e) => ({
      networkId: e.networkId,
      edgeId: endpointEdgeId(owner, e.networkId),
      ip: e.ipv4?.split('/')[0],
    }));
  };
  const mine = wiresOf(from.id);
  if (target) {
    const theirs = wiresOf(target.id);
    const viaNetwork = theirs.find((w) => w.ip === report.target.address)?.networkId;
    const onPath = (w: { networkId: string }) => (viaNetwork ? w.networkId === viaNetwork : true);
    // Not on that network at all (no shared network): every wire of the source is part of the story.
    const mineOnPath = mine.some(onPath) ? mine.filter(onPath) : mine;
    for (const wire of [...mineOnPath, ...theirs.filter(onPath)]) edgeIds.add(wire.edgeId);
  } else {
    for (const wire of mine) edgeIds.add(wire.edgeId);
  }
  return { edgeIds, ok: report.ok };
}
