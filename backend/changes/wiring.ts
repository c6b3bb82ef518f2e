/** Wiring a container by hand through the helper, and unwiring it: planned and checked first, undone by the helper on failure. */
import { DockwireError } from '../../common/errors.js';
import { mustFind } from '../../common/resolve.js';
import type { Topology } from '../../common/topology.js';
import { planWire, type WirePlan, type WireSpec } from '../../common/wirePlan.js';
import type { KernelView } from '../helper/kernelView.js';
import { invalid } from './refusal.js';

function helperNeeded(kernel: KernelView): DockwireError {
  return new DockwireError('invalid', `Wiring by hand needs the native helper, which is not running: ${kernel.status().reason ?? kernel.status().mode}.`);
}

export async function wire(kernel: KernelView, topology: Topology, spec: WireSpec & { wireId: number }): Promise<WirePlan> {
  if (!kernel.running) throw helperNeeded(kernel);
  const { plan, problems } = planWire(topology, spec);
  if (!plan || problems.length) throw invalid(problems);
  try {
    await kernel.probe('wire', {
      wireId: spec.wireId,
      pid: plan.pid,
      bridge: plan.bridge,
      hostIfname: plan.hostIfname,
      containerIfname: plan.containerIfname,
      address: plan.address,
      gateway: plan.route ? plan.gateway : '',
      mtu: plan.mtu ?? 0,
    });
    return plan;
  } catch (error) {
    const message = (error as Error).message;
    const step = /step (\d+) failed/.exec(message)?.[1];
    const name = step ? plan.steps[Number(step) - 1]?.name : undefined;
    throw new DockwireError('docker-refused', `Wiring failed at step ${step ?? '?'}${name ? ` (${name})` : ''}: ${message.replace(/^step \d+ failed: /, '')}`, {
      rolledBack: /deleted the veth pair/.test(message) ? [`deleted the veth pair ${plan.hostIfname}; nothing is left on ${plan.bridge} or in ${plan.containerName}`] : [],
    });
  }
}

export async function unwire(kernel: KernelView, topology: Topology, spec: { container: string; ifname: string }): Promise<{ deleted: string }> {
  if (!kernel.running) throw helperNeeded(kernel);
  const container = mustFind('container', topology, spec.container);
  const link = topology.unmanagedLinks.find((l) => l.kind === 'veth' && l.peer?.containerId === container.id && l.peer.ifname === spec.ifname);
  if (!link) throw invalid([{ field: 'ifname', message: `${container.name} has no hand-made interface ${spec.ifname} (Docker's own endpoints are disconnected, not unwired).` }]);
  await kernel.probe('unwire', { hostIfname: link.name });
  return { deleted: `${link.name} <-> ${spec.ifname}` };
}
