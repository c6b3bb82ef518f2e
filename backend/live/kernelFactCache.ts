/**
 * What the kernel says, kept between events: the host's links and each
 * container's namespace (through the native helper), or, without it, the
 * routes /proc shows for a local engine. It also keeps the helper's netlink
 * subscriptions on exactly the namespaces shown.
 */
import type { DockerContainerJson, KernelRoute } from '../../common/dockerFacts.js';
import type { KernelFacts, KernelLink, KernelNamespace } from '../../common/kernelFacts.js';
import type { KernelView } from '../helper/kernelView.js';
import { readKernelRoutes } from '../kernel/procRoutes.js';

export class KernelFactCache {
  private readonly namespaces = new Map<string, KernelNamespace>();
  private readonly routes = new Map<string, KernelRoute[]>();
  private readonly dirtyPids = new Set<number>();
  private hostLinks: KernelLink[] | null = null;
  private watchedKey = '';

  constructor(
    private readonly kernel: KernelView | undefined,
    /** Read interface names from /proc when the helper is not running (a local engine only). */
    private readonly readProc: boolean,
  ) {}

  /** A netlink change in pid's namespace (0: the host). */
  notePid(pid: number): void {
    this.dirtyPids.add(pid);
  }

  /** The containers whose namespaces changed since the last read, and forgets the changes. */
  takeChanged(): string[] {
    const changed = [...this.namespaces].filter(([, ns]) => this.dirtyPids.has(ns.pid)).map(([id]) => id);
    this.dirtyPids.clear();
    return changed;
  }

  forget(containerIds: string[]): void {
    for (const id of containerIds) {
      this.namespaces.delete(id);
      this.routes.delete(id);
    }
  }

  clear(): void {
    this.namespaces.clear();
    this.routes.clear();
  }

  /**
   * Re-reads the host's links and the namespaces of these containers. Host-mode
   * and container:<x> containers have no namespace of their own.
   */
  async refresh(containerIds: string[], containerOf: (id: string) => DockerContainerJson | undefined): Promise<void> {
    if (this.kernel?.running) await this.refreshThroughHelper(containerIds, containerOf);
    else {
      this.hostLinks = null;
      this.namespaces.clear();
      if (this.readProc) await this.refreshProcRoutes(containerIds, containerOf);
    }
  }

  /** The kernel's part of the facts the Topology is built from. */
  facts(): { kernel: KernelFacts | null; kernelRoutes: Record<string, KernelRoute[]> } {
    if (this.kernel?.running && this.hostLinks)
      return { kernel: { hostLinks: this.hostLinks, namespaces: Object.fromEntries(this.namespaces) }, kernelRoutes: {} };
    return { kernel: null, kernelRoutes: Object.fromEntries(this.routes) };
  }

  /** Keeps the helper's netlink subscriptions on exactly the namespaces we show. */
  updateWatch(): void {
    if (!this.kernel?.running) {
      this.watchedKey = '';
      return;
    }
    const targets = [...this.namespaces].map(([container, ns]) => ({ pid: ns.pid, container })).sort((a, b) => a.pid - b.pid);
    const key = targets.map((t) => `${t.pid}:${t.container}`).join(',');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    void this.kernel.watch(targets);
  }

  private async refreshThroughHelper(containerIds: string[], containerOf: (id: string) => DockerContainerJson | undefined): Promise<void> {
    const wanted = new Map<number, string>();
    for (const id of new Set(containerIds)) {
      const json = containerOf(id);
      const mode = json?.HostConfig?.NetworkMode ?? '';
      const ownNamespace = mode !== 'host' && !mode.startsWith('container:');
      if (json?.State?.Running && json.State.Pid && ownNamespace) wanted.set(json.State.Pid, id);
      else this.namespaces.delete(id);
    }
    const snapshot = await this.kernel!.snapshot([...wanted].map(([pid, container]) => ({ pid, container })));
    if (!snapshot) return;
    this.hostLinks = snapshot.hostLinks;
    for (const namespace of snapshot.namespaces) {
      const id = wanted.get(namespace.pid);
      if (!id) continue;
      if (namespace.error) this.namespaces.delete(id);
      else this.namespaces.set(id, namespace);
    }
  }

  private async refreshProcRoutes(containerIds: string[], containerOf: (id: string) => DockerContainerJson | undefined): Promise<void> {
    await Promise.all(
      containerIds.map(async (id) => {
        const json = containerOf(id);
        const pid = json?.State?.Running ? json.State.Pid : 0;
        const routes = pid && json ? await readKernelRoutes(pid, json.Id) : null;
        if (routes) this.routes.set(id, routes);
        else this.routes.delete(id);
      }),
    );
  }
}
