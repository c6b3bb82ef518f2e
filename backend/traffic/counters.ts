/**
 * One sample of the traffic counters of the containers a client has on screen,
 * in one request to the helper. A veth's two ends count the same packets, so
 * an endpoint with a host veth is read from the host's end (one link dump for
 * the whole host, turned round: what the host end received, the container
 * sent); only endpoints with no host end (macvlan, ipvlan, overlay) cost a dump
 * of their container's namespace. Whichever end is read, tx is what the
 * container sent.
 */
import { DockwireError } from '../../common/errors.js';
import { findContainer } from '../../common/resolve.js';
import type { ContainerInfo, Topology } from '../../common/topology.js';
import { countersOf, fromOtherEnd, type CountersSample } from '../../common/traffic.js';
import type { KernelView } from '../helper/kernelView.js';

export async function sampleCounters(kernel: KernelView, topology: Topology, refs: string[]): Promise<CountersSample> {
  if (!kernel.running) {
    throw new DockwireError(
      'invalid',
      `Traffic counters need the kernel view, which is off: ${kernel.status().reason ?? kernel.status().mode}.`,
    );
  }
  // By name or id, looked up once each (a sample may name every container of a big host, every second).
  const byRef = new Map(topology.containers.flatMap((c) => [[c.name, c] as const, [c.id, c] as const]));
  // Containers with a namespace of their own now; a sharer's traffic is its owner's.
  const containers = [...new Set(refs)]
    .map((ref) => byRef.get(ref) ?? findContainer(topology, ref))
    .filter(
      (c): c is ContainerInfo =>
        c !== undefined && c.state === 'running' && c.pid !== null && c.networkModeKind !== 'host' && c.networkModeKind !== 'container',
    );
  const sampled = new Set(containers.map((c) => c.id));
  const handMade = topology.unmanagedLinks.filter((l) => l.kind === 'veth' && l.peer?.containerId && sampled.has(l.peer.containerId));
  const hostEnds = [
    ...containers.flatMap((c) => c.endpoints.flatMap((e) => (e.hostVeth && e.ifname ? [e.hostVeth.ifindex] : []))),
    ...handMade.map((l) => l.ifindex),
  ];
  const inNamespace = containers.filter((c) => c.endpoints.some((e) => e.ifname && e.ifindex !== null && !e.hostVeth));
  const at = Date.now();
  const result = await kernel.call('counters', { targets: inNamespace.map((c) => ({ pid: c.pid!, container: c.id })), host: hostEnds });
  if (!result) throw new DockwireError('invalid', 'Traffic counters need the kernel view, which stopped.');
  const host = new Map(result.host.map((link) => [link.ifindex, link]));
  const namespaceOf = new Map(inNamespace.map((c, index) => [c.id, result.namespaces[index]?.links ?? []]));
  const sample: CountersSample = { at, endpoints: [], links: [] };
  for (const container of containers) {
    for (const endpoint of container.endpoints) {
      if (!endpoint.ifname) continue;
      const hostEnd = endpoint.hostVeth ? host.get(endpoint.hostVeth.ifindex) : undefined;
      const inside = (namespaceOf.get(container.id) ?? []).find((l) => l.ifindex === endpoint.ifindex);
      const counters = hostEnd ? fromOtherEnd(hostEnd) : inside ? countersOf(inside) : null;
      if (counters) sample.endpoints.push({ containerId: container.id, networkId: endpoint.networkId, ifname: endpoint.ifname, counters });
    }
  }
  for (const link of handMade) {
    const hostEnd = host.get(link.ifindex);
    if (hostEnd) sample.links.push({ containerId: link.peer!.containerId!, ifindex: link.ifindex, counters: fromOtherEnd(hostEnd) });
  }
  return sample;
}
