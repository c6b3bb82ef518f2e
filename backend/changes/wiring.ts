/**
 * Wiring a container by hand through the helper, and unwiring it: planned and
 * checked first, undone by the helper on failure. The helper's failures come
 * as codes with structured data, never as text to be parsed.
 */
import { DockwireError } from '../../common/errors.js';
import type { WireFailure } from '../../common/helperProtocol.js';
import { mustFind } from '../../common/resolve.js';
import type { Topology } from '../../common/topology.js';
import { planWire, type WirePlan, type WireSpec } from '../../common/wirePlan.js';
import { HelperError } from '../helper/helperClient.js';
import type { KernelView } from '../helper/kernelView.js';
import { invalid } from '../engine/refusal.js';

function helperNeeded(kernel: KernelView): DockwireError {
  return new DockwireError(
    'invalid',
    `Wiring by hand needs the native helper, which is not running: ${kernel.status().reason ?? kernel.status().mode}.`,
  );
}

/** A helper refusal the user can act on, in Dockwire's terms. */
function helperRefusal(error: unknown, containerName: string): DockwireError {
  if (!(error instanceof HelperError)) return new DockwireError('internal', (error as Error).message);
  if (error.code === 'stale-pid') {
    return new DockwireError(
      'invalid',
      `${containerName} is no longer running as Dockwire last saw it (it stopped or restarted): nothing was changed. Look again and retry.`,
    );
  }
  // Refused before anything was made (no such bridge, not a bridge, not its link): the helper's words.
  const checked =
    error.code === 'not-found' || error.code === 'not-a-bridge' || error.code === 'not-a-veth' || error.code === 'not-in-container';
  return new DockwireError(checked ? 'invalid' : 'docker-refused', error.message);
}

export async function wire(kernel: KernelView, topology: Topology, spec: WireSpec & { wireId: number }): Promise<WirePlan> {
  if (!kernel.running) throw helperNeeded(kernel);
  const { plan, problems } = planWire(topology, spec);
  if (!plan || problems.length || plan.pid === null) throw invalid(problems);
  try {
    await kernel.call('wire', {
      wireId: spec.wireId,
      pid: plan.pid,
      container: plan.containerId,
      bridge: plan.bridge,
      hostIfname: plan.hostIfname,
      containerIfname: plan.containerIfname,
      address: plan.address,
      gateway: plan.route ? (plan.gateway ?? '') : '',
      mtu: plan.mtu ?? 0,
    });
    return plan;
  } catch (error) {
    if (!(error instanceof HelperError) || error.code !== 'wire-failed') throw helperRefusal(error, plan.containerName);
    const failure = error.data as WireFailure;
    const name = plan.steps[failure.step - 1]?.name;
    throw new DockwireError('docker-refused', `Wiring failed at step ${failure.step}${name ? ` (${name})` : ''}: ${failure.reason}`, {
      rolledBack: failure.clean ? [`${failure.undone}; nothing is left on ${plan.bridge} or in ${plan.containerName}`] : [failure.undone],
    });
  }
}

export async function unwire(
  kernel: KernelView,
  topology: Topology,
  spec: { container: string; ifname: string },
): Promise<{ deleted: string }> {
  if (!kernel.running) throw helperNeeded(kernel);
  const container = mustFind('container', topology, spec.container);
  const link = topology.unmanagedLinks.find(
    (l) => l.kind === 'veth' && l.peer?.containerId === container.id && l.peer.ifname === spec.ifname,
  );
  if (!link)
    throw invalid([
      {
        field: 'ifname',
        message: `${container.name} has no hand-made interface ${spec.ifname} (Docker's own endpoints are disconnected, not unwired).`,
      },
    ]);
  if (!container.pid)
    throw invalid([{ field: 'container', message: `${container.name} is not running: its hand-made links went with its namespace.` }]);
  try {
    await kernel.call('unwire', { pid: container.pid, container: container.id, hostIfname: link.name });
  } catch (error) {
    throw helperRefusal(error, container.name);
  }
  return { deleted: `${link.name} <-> ${spec.ifname}` };
}
