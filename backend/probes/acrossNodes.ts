/**
 * A test between containers on two swarm nodes (several engines followed at once): the path it takes across
 * them, hop by hop (../../common/acrossNodesPath.ts); when it failed past its DNS step, the probe is sent again
 * while both nodes' vxlan counters are read before and after, and what they show is added to the report as
 * its first diagnosis (../../common/vxlanDiagnosis.ts) and marks the hop where it stopped. Nothing is added
 * when the two ends are on one engine or not on a swarm network.
 */
import type { Handlers } from '../../common/contract.js';
import type { Diagnosis, TestReport, TestSpec } from '../../common/testReport.js';
import { mtuProblem } from '../../common/overlayMesh.js';
import type { ContainerInfo, NetworkInfo, Topology, TrafficCounters } from '../../common/topology.js';
import { diagnoseAcrossNodes, tunnelVerdict } from '../../common/vxlanDiagnosis.js';
import { acrossNodesPath, type PathEnd, type PathVerdict } from '../../common/acrossNodesPath.js';
import { overlayEndFor } from '../../common/overlay.js';

export interface EngineView {
  name: string;
  handlers: Handlers;
  /** Reads everything again (kernel counters included); the engine's latest Topology afterwards. */
  refresh(): Promise<Topology | null>;
  topology(): Topology | null;
}

/** The container a target address belongs to on an engine other than from's, over a swarm network both share. */
function farEnd(address: string, from: EngineView, engines: EngineView[], fromId: string) {
  const fromContainer = from.topology()?.containers.find((c) => c.id === fromId || c.name === fromId);
  if (!fromContainer) return null;
  for (const engine of engines) {
    if (engine === from) continue;
    const topology = engine.topology();
    for (const container of topology?.containers ?? []) {
      for (const endpoint of container.endpoints) {
        if (endpoint.ipv4?.split('/')[0] !== address) continue;
        const network = topology!.networks.find((n) => n.id === endpoint.networkId);
        const shared = fromContainer.endpoints.some((e) => e.networkId === endpoint.networkId);
        if (network?.scope === 'swarm' && shared) return { engine, network, container, fromContainer };
      }
    }
  }
  return null;
}

const vxlanCounters = (topology: Topology | null, networkId: string): TrafficCounters | null =>
  topology?.networks.find((n: NetworkInfo) => n.id === networkId)?.overlay?.namespace?.vxlan?.stats ?? null;

/** One end of the path: the container's interface on the network, and its node's overlay namespace as that node has it. */
function pathEnd(engine: EngineView, address: string | null, container: ContainerInfo, networkId: string): PathEnd {
  const endpoint = container.endpoints.find((e) => e.networkId === networkId);
  const network = engine.topology()?.networks.find((n) => n.id === networkId);
  return {
    host: engine.name,
    address,
    container: container.name,
    ifname: endpoint?.ifname ?? null,
    ip: endpoint?.ipv4 ?? null,
    namespace: network?.overlay?.namespace ?? null,
    port: network ? (overlayEndFor(network, container.id, endpoint?.ifname ?? null)?.name ?? null) : null,
  };
}

/** Either node whose overlay MTU no longer fits its underlay once VXLAN's headers are added. */
function mtuDiagnoses(from: EngineView, to: EngineView, networkId: string): Diagnosis[] {
  return [from, to].flatMap((engine) => {
    const topology = engine.topology();
    const namespace = topology?.networks.find((n) => n.id === networkId)?.overlay?.namespace ?? null;
    const underlay = topology?.engine.swarmInterface ?? null;
    const text = mtuProblem({ host: engine.name, underlay, namespace });
    return text ? [{ code: 'vxlan-mtu' as const, text }] : [];
  });
}

/**
 * A test between containers on two swarm nodes: its path across them hop by hop; when it failed past DNS, the
 * probe sent again while both nodes' vxlan counters are read, and what they show as the first diagnosis.
 */
export async function withAcrossNodes(
  report: TestReport,
  spec: TestSpec,
  from: EngineView,
  engines: EngineView[],
  underlayAddressOf: (engine: EngineView) => string | null,
): Promise<TestReport> {
  const failed = report.steps.find((step) => step.status === 'fail');
  const address = report.target.address;
  if (report.cancelled || (failed && failed.name === 'dns') || !address) return report;
  const far = farEnd(address, from, engines, report.from.id);
  if (!far) return report;
  const network = { name: far.network.name, vni: far.network.overlay?.vni ?? null };
  // The engine the test ran on does not know the far container: name it, so the picture marks its wire too.
  report = { ...report, target: { ...report.target, containerId: far.container.id } };
  const path = (verdict: PathVerdict) =>
    acrossNodesPath(
      network,
      pathEnd(from, underlayAddressOf(from), far.fromContainer, far.network.id),
      pathEnd(far.engine, underlayAddressOf(far.engine), far.container, far.network.id),
      verdict,
    );
  if (report.ok) return { ...report, acrossNodes: path('passed') };
  const read = async () => {
    const [a, b] = await Promise.all([from.refresh(), far.engine.refresh()]);
    return [vxlanCounters(a, far.network.id), vxlanCounters(b, far.network.id)] as const;
  };
  const [fromBefore, toBefore] = await read();
  // The same packets again, by address (no name to look up): what each node's overlay does with them is counted.
  await from.handlers.test({ from: spec.from, target: address, ...(spec.port ? { port: spec.port } : {}) }).catch(() => null);
  const [fromAfter, toAfter] = await read();
  if (!fromBefore || !toBefore || !fromAfter || !toAfter) return { ...report, acrossNodes: path('unknown') };
  const across = {
    network: network.name,
    vni: network.vni,
    from: { host: from.name, address: underlayAddressOf(from), before: fromBefore, after: fromAfter },
    to: { host: far.engine.name, address: underlayAddressOf(far.engine), before: toBefore, after: toAfter },
  };
  const diagnosis = diagnoseAcrossNodes(across);
  return {
    ...report,
    acrossNodes: path(tunnelVerdict(across)),
    diagnosis: [...(diagnosis ? [diagnosis] : []), ...mtuDiagnoses(from, far.engine, far.network.id), ...report.diagnosis],
  };
}
