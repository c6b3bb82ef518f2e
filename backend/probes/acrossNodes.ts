/**
 * A test between containers on two swarm nodes (several engines followed at once) that failed past its DNS
 * step: the probe is sent again while both nodes' vxlan counters are read before and after, and what they
 * show is added to the report as its first diagnosis (../../common/vxlanDiagnosis.ts). Nothing is added when
 * the two ends are on one engine, not on a swarm network, or the counters cannot be read.
 */
import type { Handlers } from '../../common/contract.js';
import type { TestReport, TestSpec } from '../../common/testReport.js';
import type { NetworkInfo, Topology, TrafficCounters } from '../../common/topology.js';
import { diagnoseAcrossNodes } from '../../common/vxlanDiagnosis.js';

export interface EngineView {
  name: string;
  handlers: Handlers;
  /** Reads everything again (kernel counters included); the engine's latest Topology afterwards. */
  refresh(): Promise<Topology | null>;
  topology(): Topology | null;
}

/** The network a target address is on, on an engine other than from's: a swarm network both ends share. */
function farEnd(address: string, from: EngineView, engines: EngineView[], fromId: string) {
  const fromContainer = from.topology()?.containers.find((c) => c.id === fromId || c.name === fromId);
  for (const engine of engines) {
    if (engine === from) continue;
    const topology = engine.topology();
    for (const container of topology?.containers ?? []) {
      for (const endpoint of container.endpoints) {
        if (endpoint.ipv4?.split('/')[0] !== address) continue;
        const network = topology!.networks.find((n) => n.id === endpoint.networkId);
        const shared = fromContainer?.endpoints.some((e) => e.networkId === endpoint.networkId);
        if (network?.scope === 'swarm' && shared) return { engine, network };
      }
    }
  }
  return null;
}

const vxlanCounters = (topology: Topology | null, networkId: string): TrafficCounters | null =>
  topology?.networks.find((n: NetworkInfo) => n.id === networkId)?.overlay?.namespace?.vxlan?.stats ?? null;

export async function withAcrossNodesDiagnosis(
  report: TestReport,
  spec: TestSpec,
  from: EngineView,
  engines: EngineView[],
  underlayAddressOf: (engine: EngineView) => string | null,
): Promise<TestReport> {
  const failed = report.steps.find((step) => step.status === 'fail');
  const address = report.target.address;
  if (report.ok || report.cancelled || !failed || failed.name === 'dns' || !address) return report;
  const far = farEnd(address, from, engines, report.from.id);
  if (!far) return report;
  const read = async () => {
    const [a, b] = await Promise.all([from.refresh(), far.engine.refresh()]);
    return [vxlanCounters(a, far.network.id), vxlanCounters(b, far.network.id)] as const;
  };
  const [fromBefore, toBefore] = await read();
  // The same packets again, by address (no name to look up): what each node's overlay does with them is counted.
  await from.handlers.test({ from: spec.from, target: address, ...(spec.port ? { port: spec.port } : {}) }).catch(() => null);
  const [fromAfter, toAfter] = await read();
  if (!fromBefore || !toBefore || !fromAfter || !toAfter) return report;
  const diagnosis = diagnoseAcrossNodes({
    network: far.network.name,
    vni: far.network.overlay?.vni ?? null,
    from: { host: from.name, address: underlayAddressOf(from), before: fromBefore, after: fromAfter },
    to: { host: far.engine.name, address: underlayAddressOf(far.engine), before: toBefore, after: toAfter },
  });
  return diagnosis ? { ...report, diagnosis: [diagnosis, ...report.diagnosis] } : report;
}
