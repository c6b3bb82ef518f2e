/**
 * What listens in a container now, read afresh through the helper: a server can bind or stop without any event
 * Dockwire would see, so a diagnosis built on it must not use the Topology's last read.
 */
import { containersOwnSockets, type ContainerInfo } from '../../common/topology.js';
import type { KernelView } from '../helper/kernelView.js';

/** The container with its listening sockets as they are now; as it was when they cannot be read. */
export async function withFreshListening<C extends ContainerInfo | null>(kernel: KernelView, container: C): Promise<C> {
  if (!container?.pid || !kernel.running) return container;
  const namespace = await kernel.call('netnsLinks', { pid: container.pid, container: container.id }, 5000).catch(() => null);
  return namespace?.listening ? { ...container, listening: containersOwnSockets(namespace.listening) } : container;
}
