/**
 * A trace (`dockwire trace`, "Trace the path"): the hops a packet should cross are planned from the Topology, the
 * helper sends a marked probe and watches every hop at once while reading the firewall's counters before and after,
 * and the evidence is explained: how far the packets got, and the rule, policy, route or ARP that stopped them.
 * The firewall is only read, never changed.
 */
import { DockwireError } from '../../common/errors.js';
import { firewallView, type FirewallView } from '../../common/firewallView.js';
import type { Target } from '../../common/helperProtocol.js';
import type { Topology } from '../../common/topology.js';
import { planTrace, type TraceReport, type TraceSpec } from '../../common/trace.js';
import { explainTrace } from '../../common/traceExplain.js';
import type { KernelView } from '../helper/kernelView.js';

/** The helper's own limit is 10 s of watching; this leaves it time to read the firewall twice and answer. */
const TRACE_CALL_MS = 25_000;

function needHelper(kernel: KernelView, topology: Topology, what: string): void {
  if (!kernel.running)
    throw new DockwireError(
      'invalid',
      `${what} needs the native helper, which reads the kernel's firewall and watches every hop: ${topology.helper.reason ?? 'it is not running'}.`,
    );
}

/** The bridge names of Docker's networks, for the firewall's plain words. */
const bridgeNames = (topology: Topology) => new Map(topology.networks.filter((n) => n.bridge).map((n) => [n.bridge!.name, n.name]));

export async function runTrace(kernel: KernelView, topology: Topology, spec: TraceSpec): Promise<TraceReport> {
  const { plan, problem } = planTrace(topology, spec);
  if (!plan) throw new DockwireError('invalid', problem ?? 'Nothing to trace.');
  if (problem) throw new DockwireError('invalid', problem);
  needHelper(kernel, topology, 'A trace');
  const targetOf = (containerId: string | null): Target | undefined => {
    if (!containerId) return undefined;
    const container = topology.containers.find((c) => c.id === containerId);
    if (!container?.pid) throw new DockwireError('invalid', `${container?.name ?? containerId} is not running: start it, then trace.`);
    return { pid: container.pid, container: container.id };
  };
  const result = await kernel.call(
    'trace',
    {
      ...(plan.from ? { source: targetOf(plan.from.id) } : {}),
      destination: plan.address,
      proto: plan.proto,
      ...(plan.port ? { port: plan.port } : {}),
      ...(spec.size ? { size: spec.size } : {}),
      hops: plan.hops.map((hop) => ({ ...(hop.containerId ? { target: targetOf(hop.containerId) } : {}), ifname: hop.ifname })),
    },
    TRACE_CALL_MS,
  );
  if (result === null) throw new DockwireError('internal', 'The helper stopped during the trace: run it again.');
  return explainTrace(spec, plan, result);
}

export async function readFirewall(kernel: KernelView, topology: Topology): Promise<FirewallView> {
  needHelper(kernel, topology, 'Reading the firewall');
  const firewall = await kernel.call('firewall', {}, 15_000);
  if (firewall === null) throw new DockwireError('internal', 'The helper stopped while reading the firewall: try again.');
  return firewallView(firewall, { bridges: bridgeNames(topology) }, new Date().toISOString());
}
