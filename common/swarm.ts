/**
 * A swarm as its managers know it: the nodes (role, availability, state, underlay address) and where each
 * service's tasks run, and the ports published through its routing mesh. Pure.
 */
import type { DockerNodeJson, DockerTaskJson } from './dockerFacts.js';
import type { SwarmNodeInfo, TaskInfo, Topology } from './topology.js';

/** Tasks long gone (shut down, and meant to be) say nothing about where a service runs now. */
const isCurrent = (task: DockerTaskJson) => task.DesiredState !== 'shutdown' || task.Status?.State !== 'shutdown';

export function toSwarmNodes(nodes: DockerNodeJson[]): SwarmNodeInfo[] {
  return nodes
    .map((node) => {
      const state = node.Status?.State ?? 'unknown';
      return {
        id: node.ID,
        hostname: node.Description?.Hostname ?? node.ID.slice(0, 12),
        role: node.Spec?.Role === 'manager' ? ('manager' as const) : ('worker' as const),
        availability: node.Spec?.Availability ?? 'active',
        state,
        // A manager's own address may be 0.0.0.0 in its status; its manager address says where it is.
        address: node.Status?.Addr && node.Status.Addr !== '0.0.0.0' ? node.Status.Addr : (node.ManagerStatus?.Addr?.split(':')[0] ?? ''),
        leader: node.ManagerStatus?.Leader === true,
        message: state === 'ready' ? null : node.Status?.Message || null,
      };
    })
    .sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
}

/** Each service's current tasks, by slot (a global service's by node). */
export function tasksByService(tasks: DockerTaskJson[]): Map<string, TaskInfo[]> {
  const byService = new Map<string, TaskInfo[]>();
  for (const task of tasks.filter(isCurrent)) {
    if (!task.ServiceID) continue;
    const info: TaskInfo = {
      id: task.ID,
      slot: typeof task.Slot === 'number' && task.Slot > 0 ? task.Slot : null,
      nodeId: task.NodeID ?? '',
      state: task.Status?.State ?? 'unknown',
      desiredState: task.DesiredState ?? 'unknown',
      containerId: task.Status?.ContainerStatus?.ContainerID || null,
      error: task.Status?.Err || null,
    };
    byService.set(task.ServiceID, [...(byService.get(task.ServiceID) ?? []), info]);
  }
  for (const list of byService.values())
    list.sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0) || a.nodeId.localeCompare(b.nodeId) || a.id.localeCompare(b.id));
  return byService;
}

/** "node2  worker  active  ready  10.250.0.12"; a manager's leadership and a node's trouble said too. */
export function describeSwarmNode(node: SwarmNodeInfo): string {
  const role = node.role === 'manager' ? (node.leader ? 'manager (leader)' : 'manager') : 'worker';
  return [node.hostname, role, node.availability, node.state, node.address || 'no address', node.message ?? ''].filter(Boolean).join('  ');
}

/** Every service port published through swarm's routing mesh (drawn on the ingress network). */
export function routingMeshPorts(topology: Topology): string[] {
  return topology.services.flatMap((service) =>
    service.ports
      .filter((p) => p.publishMode === 'ingress')
      .map((p) => `${service.name} :${p.publishedPort}→${p.targetPort}/${p.protocol}`),
  );
}
