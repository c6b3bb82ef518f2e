/**
 * One sample of the traffic counters of the containers a client has on screen:
 * one request to the helper, one link dump per namespace. Counters are read on
 * the container's side, so tx is what the container sent.
 */
import { DockwireError } from '../../common/errors.js';
import type { Target } from '../../common/helperProtocol.js';
import { findContainer } from '../../common/resolve.js';
import type { Topology } from '../../common/topology.js';
import type { CountersSample, TrafficCounters } from '../../common/traffic.js';
import type { KernelView } from '../helper/kernelView.js';

const onlyCounters = ({ rxBytes, txBytes, rxPackets, txPackets, rxDropped, txDropped }: TrafficCounters): TrafficCounters => ({
  rxBytes,
  txBytes,
  rxPackets,
  txPackets,
  rxDropped,
  txDropped,
});

export async function sampleCounters(kernel: KernelView, topology: Topology, refs: string[]): Promise<CountersSample> {
  if (!kernel.running) {
    throw new DockwireError(
      'invalid',
      `Traffic counters need the kernel view, which is off: ${kernel.status().reason ?? kernel.status().mode}.`,
    );
  }
  // Containers that have a namespace of their own now; a sharer's traffic is its owner's, read once.
  const containers = [...new Set(refs)]
    .map((ref) => findContainer(topology, ref))
    .filter((c) => c && c.state === 'running' && c.pid !== null && c.networkModeKind !== 'host' && c.networkModeKind !== 'container');
  const targets: Target[] = containers.map((c) => ({ pid: c!.pid!, container: c!.id }));
  const at = Date.now();
  const result = await kernel.call('counters', { targets });
  if (!result) throw new DockwireError('invalid', 'Traffic counters need the kernel view, which stopped.');
  const sample: CountersSample = { at, endpoints: [], links: [] };
  containers.forEach((container, index) => {
    const links = result.namespaces[index]?.links ?? [];
    for (const endpoint of container!.endpoints) {
      const link = links.find((l) => l.name === endpoint.ifname);
      if (link && endpoint.ifname) {
        sample.endpoints.push({
          containerId: container!.id,
          networkId: endpoint.networkId,
          ifname: endpoint.ifname,
          counters: onlyCounters(link),
        });
      }
    }
    for (const hand of topology.unmanagedLinks) {
      if (hand.peer?.containerId !== container!.id) continue;
      const link = links.find((l) => l.ifindex === hand.peer!.ifindex);
      if (link) sample.links.push({ ifindex: hand.ifindex, counters: onlyCounters(link) });
    }
  });
  return sample;
}
