/**
 * What the kernel says, kept between events: the host's links and each
 * container's namespace (through the native helper), or, without it, the
 * routes /proc shows for a local engine. It also keeps the helper's netlink
 * subscriptions on exactly the namespaces shown.
 *
 * The host's links are read whole once; while netlink reports the host's changes, a later read asks only for
 * the links it named (a host of 1000 containers has 2000 links, and one change touches two or three). Until the
 * host is watched, or when the kernel dropped notifications or the helper restarted, reads are whole again.
 */
import type { DockerContainerJson, KernelRoute } from '../../common/dockerFacts.js';
import type { KernelFacts, KernelLink, KernelNamespace } from '../../common/kernelFacts.js';
import type { KernelView } from '../helper/kernelView.js';
import { readKernelRoutes } from '../kernel/procRoutes.js';
import { namespaceTarget } from './namespacePrefetch.js';

export class KernelFactCache {
  private readonly namespaces = new Map<string, KernelNamespace>();
  private readonly routes = new Map<string, KernelRoute[]>();
  private readonly dirtyPids = new Set<number>();
  private hostLinks: KernelLink[] | null = null;
  /** The host links netlink named since they were last read, by ifindex. */
  private readonly changedHostLinks = new Set<number>();
  /** The next read takes every host link (nothing read yet, notifications lost, or the host not watched). */
  private hostWhole = true;
  /** The helper's netlink watch covers the host: its changes reach notePid. */
  private hostWatched = false;
  /** What the helper was last asked to watch (null: nothing yet; the host is watched even with no containers). */
  private watchedKey: string | null = null;
  /** Counts the helper's changes: a watch's answer counts only for the helper it was asked of. */
  private helperEpoch = 0;

  constructor(
    private readonly kernel: KernelView | undefined,
    /** Read interface names from /proc when the helper is not running (a local engine only). */
    private readonly readProc: boolean,
  ) {}

  /** A netlink change in pid's namespace (0: the host); hostLink, the host link it named. */
  notePid(pid: number, hostLink?: number): void {
    this.dirtyPids.add(pid);
    if (pid !== 0) return;
    if (hostLink === undefined) this.hostWhole = true;
    else this.changedHostLinks.add(hostLink);
  }

  /** The helper started, stopped or was replaced: its watch is gone, and what it read may be stale. */
  helperChanged(): void {
    this.helperEpoch++;
    this.hostWatched = false;
    this.hostWhole = true;
    this.watchedKey = null;
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
    this.hostWhole = true;
  }

  /**
   * Re-reads the host's links and the namespaces of these containers. Host-mode
   * and container:<x> containers have no namespace of their own.
   */
  async refresh(
    containerIds: string[],
    containerOf: (id: string) => DockerContainerJson | undefined,
    /** Namespaces read a moment ago (./namespacePrefetch.ts), by pid: not asked again. */
    prefetched = new Map<number, KernelNamespace>(),
  ): Promise<void> {
    if (this.kernel?.running) await this.refreshThroughHelper(containerIds, containerOf, prefetched);
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
      this.watchedKey = null;
      this.hostWatched = false;
      return;
    }
    const targets = [...this.namespaces].map(([container, ns]) => ({ pid: ns.pid, container })).sort((a, b) => a.pid - b.pid);
    const key = targets.map((t) => `${t.pid}:${t.container}`).join(',');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    const kernel = this.kernel;
    const helperEpoch = this.helperEpoch;
    void kernel.watch(targets).then((answer) => {
      // An answer from a helper that has been replaced since says nothing about the one running now.
      if (helperEpoch !== this.helperEpoch) return;
      const watched = Boolean(answer?.watching.includes(0));
      // Changes between the last whole read and the watch's start were not heard: once watched, the host
      // is read whole one more time (the change the caller hears about here schedules it).
      if (watched && !this.hostWatched) kernel.changes.emit({ pid: 0 });
      this.hostWatched = watched;
    });
  }

  private async refreshThroughHelper(
    containerIds: string[],
    containerOf: (id: string) => DockerContainerJson | undefined,
    prefetched: Map<number, KernelNamespace>,
  ): Promise<void> {
    const wanted = new Map<number, string>();
    for (const id of new Set(containerIds)) {
      const target = namespaceTarget(containerOf(id));
      const read = target && prefetched.get(target.pid);
      if (read) this.namespaces.set(id, read);
      else if (target) wanted.set(target.pid, id);
      else this.namespaces.delete(id);
    }
    const whole = this.hostWhole || !this.hostWatched || !this.hostLinks;
    const asked = whole ? undefined : [...this.changedHostLinks];
    this.hostWhole = false;
    this.changedHostLinks.clear();
    const snapshot = await this.kernel!.snapshot(
      [...wanted].map(([pid, container]) => ({ pid, container })),
      asked,
    );
    if (!snapshot) {
      // Not read: ask again next time.
      if (whole) this.hostWhole = true;
      else for (const ifindex of asked!) this.changedHostLinks.add(ifindex);
      return;
    }
    this.hostLinks = asked ? withChangedLinks(this.hostLinks!, asked, snapshot.hostLinks) : snapshot.hostLinks;
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

/** The host's links with those asked for replaced by what was read of them (absent: deleted), in ifindex order. */
function withChangedLinks(before: KernelLink[], asked: number[], read: KernelLink[]): KernelLink[] {
  if (asked.length === 0) return before;
  const replaced = new Set(asked);
  return [...before.filter((link) => !replaced.has(link.ifindex)), ...read].sort((a, b) => a.ifindex - b.ifindex);
}
