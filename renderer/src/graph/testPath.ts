/**
 * Pure: which wires a test went over, each drawn green or red by what the steps
 * say about it, so only the hop that failed is red: a refused port leaves the
 * path green (the packets got there; the target said no, and its card is
 * marked); a ping with a route but no answer reddens the target's side; no
 * route reddens the source's. When the two share no network, every wire of
 * both is part of the story, red.
 */
import { effectiveEndpoints, ownProjectFirst } from '../../../common/diagnose';
import type { StepName, TestReport } from '../../../common/testReport';
import type { ContainerInfo, Topology } from '../../../common/topology';
import { endpointEdgeId } from './buildGraph';

/** How a wire fared; 'testing' while the test is under way (the wires it may cross, before any answer). */
export type Verdict = 'ok' | 'fail' | 'testing';

export interface TestPath {
  /** Each wire on the path, and how it fared. */
  wires: Map<string, Verdict>;
  /** A container whose own answer failed the test (a closed port, an HTTP error), marked on its card. */
  failedAt: string | null;
  /** While a test runs: its two ends, marked on their cards (the target only when it is a container drawn here). */
  ends?: { from: string; target: string | null };
  /** A test across swarm nodes: the VXLAN tunnels it crossed (tunnelKey), each passed or where it stopped and which way. */
  tunnels?: Map<string, { verdict: 'ok' | 'fail'; way: string }>;
}

/** A tunnel of a swarm network between two nodes, whichever way it is named. */
export const tunnelKey = (networkId: string, a: string, b: string) => `${networkId}|${[a, b].sort().join('|')}`;

/** The underlay hops of a test across swarm nodes ("node2 → node1"), as the tunnels they crossed. */
function tunnelsCrossed(report: TestReport, networkId: string | undefined): TestPath['tunnels'] {
  if (!report.acrossNodes || !networkId) return undefined;
  const tunnels = new Map<string, { verdict: 'ok' | 'fail'; way: string }>();
  for (const hop of report.acrossNodes) {
    const [a, b] = hop.host.split(' → ');
    if (!a || !b || hop.status === 'unknown') continue;
    const key = tunnelKey(networkId, a, b);
    // A way back that failed outweighs the way there that passed.
    if (tunnels.get(key)?.verdict === 'fail') continue;
    tunnels.set(key, { verdict: hop.status === 'pass' ? 'ok' : 'fail', way: hop.host });
  }
  return tunnels;
}

/** The container a typed target names: its name, an alias (a compose service's name is one) or an address; the source's project's first. */
export function containerOfTarget(topology: Topology, fromId: string, text: string): ContainerInfo | null {
  const wanted = text.trim().toLowerCase();
  const from = topology.containers.find((c) => c.id === fromId);
  if (!wanted || !from) return null;
  const named = (c: ContainerInfo) =>
    c.id !== fromId &&
    (c.name.toLowerCase() === wanted ||
      c.endpoints.some((e) => e.aliases.some((a) => a.toLowerCase() === wanted) || e.ipv4?.split('/')[0] === wanted));
  return ownProjectFirst(topology.containers, from).find(named) ?? null;
}

/** While a test runs: every wire of the source and of the target it names, as being tested, and both ends. */
export function runningTestPath(topology: Topology, fromId: string, targetText: string): TestPath {
  const target = containerOfTarget(topology, fromId, targetText);
  const wires = new Map<string, Verdict>();
  for (const id of [fromId, target?.id]) {
    const container = id && topology.containers.find((c) => c.id === id);
    if (!container) continue;
    const owner = container.networkModeKind === 'container' && container.netnsOwner ? container.netnsOwner : container.id;
    for (const e of effectiveEndpoints(container, topology)) wires.set(endpointEdgeId(owner, e.networkId), 'testing');
  }
  return { wires, failedAt: null, ends: { from: fromId, target: target?.id ?? null } };
}

export function testPath(topology: Topology, report: TestReport): TestPath {
  const wires = new Map<string, Verdict>();
  const from = topology.containers.find((c) => c.id === report.from.id);
  const target = report.target.containerId ? topology.containers.find((c) => c.id === report.target.containerId) : undefined;
  if (!from) return { wires, failedAt: null };
  const status = (name: StepName) => report.steps.find((s) => s.name === name)?.status;
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
  const theirs = target ? wiresOf(target.id) : [];
  const viaNetwork = theirs.find((w) => w.ip === report.target.address)?.networkId;
  const onPath = (w: { networkId: string }) => (viaNetwork ? w.networkId === viaNetwork : true);
  const mineOnPath = mine.filter(onPath);
  if (target && mineOnPath.length === 0) {
    // No shared network: nothing can pass; every wire of both is why.
    for (const wire of [...mine, ...theirs]) wires.set(wire.edgeId, report.ok ? 'ok' : 'fail');
    return { wires, failedAt: null };
  }
  const sourceSide: Verdict = status('route') === 'fail' ? 'fail' : 'ok';
  const crossed = status('ping') === 'pass' || status('tcp') === 'pass' || status('http') === 'pass';
  const reachedNothing = !crossed && (status('ping') === 'fail' || status('tcp') === 'fail' || status('http') === 'fail');
  const targetSide: Verdict = sourceSide === 'fail' || reachedNothing ? 'fail' : 'ok';
  for (const wire of target ? mineOnPath : mine) wires.set(wire.edgeId, report.ok ? 'ok' : sourceSide);
  for (const wire of theirs.filter(onPath)) wires.set(wire.edgeId, report.ok ? 'ok' : targetSide);
  // Packets crossed, yet a later step failed: the target itself said no.
  const refusedByTarget = crossed && (status('tcp') === 'fail' || status('http') === 'fail');
  const tunnels = tunnelsCrossed(report, viaNetwork);
  return { wires, failedAt: refusedByTarget && target ? target.id : null, ...(tunnels ? { tunnels } : {}) };
}
