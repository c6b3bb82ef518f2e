/**
 * Keeps a Topology in step with the engine, from Docker's event stream:
 * open the stream, then list and inspect everything; afterwards re-inspect
 * only what events name, rebuild (pure), and publish when something changed.
 * When the engine goes away it says so, retries with backoff, resumes the
 * stream `since` the last event it saw, and re-lists. The only timer beyond
 * that is a slow safety re-list.
 */
import type Docker from 'dockerode';
import { buildTopology } from '../../common/buildTopology.js';
import type { DockerContainerJson, DockerNetworkJson, KernelRoute } from '../../common/dockerFacts.js';
import type { HelperStatus, KernelLink, KernelNamespace } from '../../common/kernelFacts.js';
import type { KernelView } from '../helper/kernelView.js';
import type { EngineInfo, EngineStatus, Topology } from '../../common/topology.js';
import { readKernelRoutes } from '../kernel/procRoutes.js';
import type { EngineEndpoint } from './endpoint.js';
import { explainEngineError } from './engineErrors.js';
import { openEventStream, sinceOf, type DockerEvent, type EventStreamHandle } from './eventStream.js';
import { fetchEngineInfo, inspectContainer, inspectNetwork, listContainerIds, listNetworkIds, mapLimit } from './facts.js';
import { Listeners } from './listeners.js';
import { watchLiveness, type LivenessOptions } from './liveness.js';

export interface LiveTopologyOptions {
  docker: Docker;
  endpoint: EngineEndpoint;
  /** Wait this long after an event for more before rebuilding. */
  debounceMs?: number;
  safetyRelistMs?: number;
  /** Read interface names from /proc when the helper is not running (only meaningful for a local engine). */
  readKernel?: boolean;
  /** The native helper's view of the kernel, if Dockwire runs one. */
  kernel?: KernelView;
  /** How often the engine is pinged while connected, and how long a ping may take. */
  liveness?: LivenessOptions;
}

const NO_HELPER: HelperStatus = { mode: 'off', reason: 'no helper for this connection' };

const INSPECT_CONCURRENCY = 16;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
// Events that change nothing Dockwire draws.
const IGNORED_CONTAINER_ACTIONS = /^(exec_|health_status|top|attach|detach|resize|copy|archive-path|export|commit|extract-to-dir)/;

export class LiveTopology {
  private readonly networks = new Map<string, DockerNetworkJson>();
  private readonly containers = new Map<string, DockerContainerJson>();
  private readonly kernelRoutes = new Map<string, KernelRoute[]>();
  private readonly namespaces = new Map<string, KernelNamespace>();
  private readonly kernelDirtyPids = new Set<number>();
  private hostLinks: KernelLink[] | null = null;
  private watchedKey = '';
  private readonly dirtyNetworks = new Set<string>();
  private readonly dirtyContainers = new Set<string>();
  private readonly listeners = { topology: new Listeners<Topology>(), status: new Listeners<EngineStatus>() };
  private engine: EngineInfo | null = null;
  private topology: Topology | null = null;
  private publishedKey = '';
  private version = 0;
  private status: EngineStatus;
  private stream: EventStreamHandle | null = null;
  private since: string | null = null;
  private attempt = 0;
  private generation = 0;
  private stopped = true;
  private ready = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private safetyTimer: NodeJS.Timeout | null = null;
  private stopLiveness: (() => void) | null = null;
  /** While the engine keeps its socket open but does not answer: when it last answered. */
  private silentSince: number | null = null;

  constructor(private readonly options: LiveTopologyOptions) {
    this.status = { state: 'connecting', endpoint: options.endpoint.url, source: options.endpoint.source, error: null, retryAt: null };
    options.kernel?.changes.add(({ pid }) => {
      this.kernelDirtyPids.add(pid);
      if (this.ready) this.scheduleFlush();
    });
    options.kernel?.statusChanges.add(() => {
      // Started (or lost) the helper: every namespace needs reading again.
      for (const id of this.containers.keys()) this.dirtyContainers.add(id);
      if (this.ready) this.scheduleFlush();
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchLiveness();
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.stream?.close();
    this.stream = null;
    this.stopLiveness?.();
    for (const timer of [this.flushTimer, this.retryTimer, this.safetyTimer]) if (timer) clearTimeout(timer);
  }

  current(): Topology | null {
    return this.topology;
  }

  /** Lists and inspects everything now and returns the Topology built from it (the safety re-list, on demand; the benchmark times it). */
  async refreshAll(): Promise<Topology | null> {
    await this.relist();
    return this.topology;
  }

  currentStatus(): EngineStatus {
    return this.status;
  }

  on(event: 'topology', listener: (topology: Topology) => void): () => void;
  on(event: 'status', listener: (status: EngineStatus) => void): () => void;
  on(event: 'topology' | 'status', listener: (value: never) => void): () => void {
    return (this.listeners[event] as Listeners<unknown>).add(listener as (value: unknown) => void);
  }

  /** The current Topology, or the first one, or an error saying why there is none. */
  waitForTopology(timeoutMs: number, failFast = false): Promise<Topology> {
    if (this.topology) return Promise.resolve(this.topology);
    if (failFast && this.status.error) return Promise.reject(new Error(this.status.error));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribeTopology();
        unsubscribeStatus();
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            this.status.error ??
              `The Docker engine at ${this.status.endpoint} did not answer within ${Math.round(timeoutMs / 1000)} s: it may be hung, overloaded or still starting.`,
          ),
        );
      }, timeoutMs);
      const unsubscribeTopology = this.on('topology', (topology) => {
        done();
        resolve(topology);
      });
      // A one-shot command gives up at the first failure to reach the engine instead of waiting for a retry.
      const unsubscribeStatus = this.on('status', (status) => {
        if (!failFast || !status.error) return;
        done();
        reject(new Error(status.error));
      });
    });
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const { docker, endpoint } = this.options;
    this.ready = false;
    // A silent engine stays reported as such while this attempt waits on it.
    if (this.silentSince === null)
      this.setStatus({ state: this.attempt === 0 && !this.topology ? 'connecting' : 'reconnecting', retryAt: null });
    try {
      this.stream = await openEventStream(docker, this.since, {
        onEvent: (event) => generation === this.generation && this.onEvent(event),
        onEnd: (error) => generation === this.generation && this.onDisconnect(error),
      });
      if (generation !== this.generation) return this.stream.close();
      this.engine = await fetchEngineInfo(docker, endpoint.url);
      // Before the first list, so the first Topology already has the kernel's facts.
      await this.options.kernel?.ensureStarted(this.engine.arch);
      await this.relist();
      if (generation !== this.generation) return;
      this.attempt = 0;
      this.ready = true;
      this.silentSince = null;
      this.setStatus({ state: 'live', error: null, retryAt: null, silentSince: null });
      this.scheduleSafetyRelist(generation);
      if (this.dirtyContainers.size || this.dirtyNetworks.size) this.scheduleFlush();
    } catch (error) {
      if (generation === this.generation) this.onDisconnect(error);
    }
  }

  private onDisconnect(error: unknown): void {
    if (this.stopped) return;
    this.generation++;
    this.ready = false;
    this.stream?.close();
    this.stream = null;
    if (this.safetyTimer) clearTimeout(this.safetyTimer);
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 4000;
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    // Timed out on a silent engine: that is what the user needs to know, not the timeout.
    if (this.silentSince !== null) return;
    this.setStatus({
      state: this.topology || this.attempt > 1 ? 'reconnecting' : 'connecting',
      error: explainEngineError(error, this.options.endpoint.url),
      retryAt: new Date(Date.now() + delay).toISOString(),
      silentSince: null,
    });
  }

  /**
   * From start to stop, whatever the connection's state: a hung engine is
   * reported as it lasts; once it answers again the graph is read afresh (or the
   * pending connection attempt goes on). Refusals are the reconnect loop's business.
   */
  private watchLiveness(): void {
    const url = this.options.endpoint.url;
    this.stopLiveness = watchLiveness(
      this.options.docker,
      {
        onSilent: (lastAnswerAt) => {
          this.silentSince = lastAnswerAt;
          const seconds = Math.round((Date.now() - lastAnswerAt) / 1000);
          this.setStatus({
            state: 'unresponsive',
            error: `The Docker engine at ${url} has not answered for ${seconds} s: it may be hung or overloaded.${this.topology ? ' The graph shows the last state seen.' : ''}`,
            silentSince: new Date(lastAnswerAt).toISOString(),
          });
        },
        onAnswering: () => {
          this.silentSince = null;
          if (!this.ready) return this.setStatus({ state: this.topology ? 'reconnecting' : 'connecting', error: null, silentSince: null });
          this.setStatus({ state: 'live', error: null, silentSince: null });
          const generation = this.generation;
          // Whatever happened meanwhile: read it all again.
          void this.relist().catch((error: unknown) => generation === this.generation && this.onDisconnect(error));
        },
        onGone: (error) => {
          if (this.ready) this.onDisconnect(error);
        },
      },
      this.options.liveness,
    );
  }

  private onEvent(event: DockerEvent): void {
    this.since = sinceOf(event) ?? this.since;
    const id = event.Actor?.ID;
    if (!id) return;
    if (event.Type === 'container') {
      if (IGNORED_CONTAINER_ACTIONS.test(event.Action)) return;
      this.dirtyContainers.add(id);
    } else if (event.Type === 'network') {
      this.dirtyNetworks.add(id);
      const container = event.Actor.Attributes?.container;
      if (container) this.dirtyContainers.add(container);
    } else {
      return;
    }
    if (this.ready) this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, this.options.debounceMs ?? 30);
  }

  /** Re-inspects what events named, then publishes. One flush at a time. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      if (this.dirtyContainers.size || this.dirtyNetworks.size) this.scheduleFlush();
      return;
    }
    const generation = this.generation;
    const networkIds = [...this.dirtyNetworks];
    const containerIds = [...this.dirtyContainers];
    const kernelPids = [...this.kernelDirtyPids];
    this.dirtyNetworks.clear();
    this.dirtyContainers.clear();
    this.kernelDirtyPids.clear();
    this.flushing = (async () => {
      try {
        const { docker } = this.options;
        const networks = await mapLimit(networkIds, INSPECT_CONCURRENCY, (id) => inspectNetwork(docker, id));
        const containers = await mapLimit(containerIds, INSPECT_CONCURRENCY, (id) => inspectContainer(docker, id));
        if (generation !== this.generation) return;
        networkIds.forEach((id, index) => this.storeNetwork(id, networks[index] ?? null));
        containerIds.forEach((id, index) => this.storeContainer(id, containers[index] ?? null));
        const changedNamespaces = [...this.namespaces].filter(([, ns]) => kernelPids.includes(ns.pid)).map(([id]) => id);
        await this.refreshKernel([...containerIds, ...changedNamespaces]);
        await this.refreshKernelRoutes(containerIds);
        this.publish();
      } catch (error) {
        // Lost the engine mid-flush: put the work back for after the reconnect.
        networkIds.forEach((id) => this.dirtyNetworks.add(id));
        containerIds.forEach((id) => this.dirtyContainers.add(id));
        if (generation === this.generation) this.onDisconnect(error);
      }
    })();
    await this.flushing;
    this.flushing = null;
  }

  /** Lists and inspects everything, replacing what was known. */
  private async relist(): Promise<void> {
    const { docker } = this.options;
    // A helper that could not start while the engine was away (or hung) gets another chance.
    if (this.engine) await this.options.kernel?.ensureStarted(this.engine.arch);
    const [networkIds, containerIds] = await Promise.all([listNetworkIds(docker), listContainerIds(docker)]);
    const [networks, containers] = await Promise.all([
      mapLimit(networkIds, INSPECT_CONCURRENCY, (id) => inspectNetwork(docker, id)),
      mapLimit(containerIds, INSPECT_CONCURRENCY, (id) => inspectContainer(docker, id)),
    ]);
    this.networks.clear();
    this.containers.clear();
    this.kernelRoutes.clear();
    this.namespaces.clear();
    networkIds.forEach((id, index) => this.storeNetwork(id, networks[index] ?? null));
    containerIds.forEach((id, index) => this.storeContainer(id, containers[index] ?? null));
    await this.refreshKernel(containerIds);
    await this.refreshKernelRoutes(containerIds);
    this.publish();
  }

  private scheduleSafetyRelist(generation: number): void {
    this.safetyTimer = setTimeout(async () => {
      if (generation !== this.generation) return;
      try {
        await this.relist();
        this.scheduleSafetyRelist(generation);
      } catch (error) {
        if (generation === this.generation) this.onDisconnect(error);
      }
    }, this.options.safetyRelistMs ?? 60_000);
  }

  private storeNetwork(id: string, json: DockerNetworkJson | null): void {
    if (json) this.networks.set(json.Id, json);
    else this.networks.delete(id);
  }

  private storeContainer(id: string, json: DockerContainerJson | null): void {
    const key = json?.Id ?? [...this.containers.keys()].find((known) => known.startsWith(id)) ?? id;
    if (json) this.containers.set(key, json);
    else {
      this.containers.delete(key);
      this.kernelRoutes.delete(key);
      this.namespaces.delete(key);
    }
  }

  /**
   * Re-reads the host's links and the namespaces of these containers through
   * the helper. Host-mode and container:<x> containers have no namespace of their own.
   */
  private async refreshKernel(containerIds: string[]): Promise<void> {
    const kernel = this.options.kernel;
    if (!kernel?.running) {
      this.hostLinks = null;
      this.namespaces.clear();
      return;
    }
    const wanted = new Map<number, string>();
    for (const id of new Set(containerIds)) {
      const json = this.containers.get(id);
      const mode = json?.HostConfig?.NetworkMode ?? '';
      const ownNamespace = mode !== 'host' && !mode.startsWith('container:');
      if (json?.State?.Running && json.State.Pid && ownNamespace) wanted.set(json.State.Pid, id);
      else this.namespaces.delete(id);
    }
    const snapshot = await kernel.snapshot([...wanted].map(([pid, container]) => ({ pid, container })));
    if (!snapshot) return;
    this.hostLinks = snapshot.hostLinks;
    for (const namespace of snapshot.namespaces) {
      const id = wanted.get(namespace.pid);
      if (!id) continue;
      if (namespace.error) this.namespaces.delete(id);
      else this.namespaces.set(id, namespace);
    }
  }

  private async refreshKernelRoutes(containerIds: string[]): Promise<void> {
    if (!this.options.readKernel || this.options.kernel?.running) return;
    await Promise.all(
      containerIds.map(async (id) => {
        const json = this.containers.get(id);
        const pid = json?.State?.Running ? json.State.Pid : 0;
        const routes = pid && json ? await readKernelRoutes(pid, json.Id) : null;
        if (routes) this.kernelRoutes.set(id, routes);
        else this.kernelRoutes.delete(id);
      }),
    );
  }

  private publish(): void {
    if (!this.engine) return;
    const kernelRunning = Boolean(this.options.kernel?.running && this.hostLinks);
    const facts = {
      engine: this.engine,
      networks: [...this.networks.values()],
      containers: [...this.containers.values()],
      kernelRoutes: kernelRunning ? {} : Object.fromEntries(this.kernelRoutes),
      kernel: kernelRunning && this.hostLinks ? { hostLinks: this.hostLinks, namespaces: Object.fromEntries(this.namespaces) } : null,
      helper: this.options.kernel?.status() ?? NO_HELPER,
      helperImageId: this.options.kernel?.helperImageId ?? null,
    };
    this.updateWatch();
    const candidate = buildTopology(facts, this.version + 1, new Date().toISOString());
    const key = JSON.stringify([candidate.engine, candidate.helper, candidate.networks, candidate.containers, candidate.unmanagedLinks]);
    if (key === this.publishedKey) return;
    this.publishedKey = key;
    this.version = candidate.version;
    this.topology = candidate;
    this.listeners.topology.emit(candidate);
  }

  /** Keeps the helper's netlink subscriptions on exactly the namespaces we show. */
  private updateWatch(): void {
    const kernel = this.options.kernel;
    if (!kernel?.running) {
      this.watchedKey = '';
      return;
    }
    const targets = [...this.namespaces].map(([container, ns]) => ({ pid: ns.pid, container })).sort((a, b) => a.pid - b.pid);
    const key = targets.map((t) => `${t.pid}:${t.container}`).join(',');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    void kernel.watch(targets);
  }

  private setStatus(change: Partial<EngineStatus>): void {
    const next = { ...this.status, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.listeners.status.emit(next);
  }
}
