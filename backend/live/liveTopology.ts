/**
 * Keeps a Topology in step with the engine, from Docker's event stream: open
 * the stream, then list and inspect everything; afterwards re-inspect only
 * what events name, rebuild (pure), and publish when something changed. When
 * the engine goes away it says so, retries with backoff, resumes the stream
 * `since` the last event it saw, and re-lists; a hung engine is reported as
 * not responding. The only timers beyond that are a liveness ping and a slow
 * safety re-list.
 *
 * The parts: ./dockerFactCache.ts (Docker's facts), ./kernelFactCache.ts (the
 * kernel's), ./topologyPublisher.ts (build and publish), ./liveness.ts (ping).
 */
import type Docker from 'dockerode';
import type { HelperStatus, KernelNamespace } from '../../common/kernelFacts.js';
import type { EngineInfo, EngineStatus, Topology } from '../../common/topology.js';
import type { EngineEndpoint } from '../engine/endpoint.js';
import { explainEngineError } from '../engine/engineErrors.js';
import { fetchEngineInfo } from '../engine/facts.js';
import type { KernelView } from '../helper/kernelView.js';
import { Listeners } from '../util/listeners.js';
import { DockerFactCache, LOCAL_INSPECT_CONCURRENCY, SSH_INSPECT_CONCURRENCY, type ReadResult } from './dockerFactCache.js';
import { openEventStream, sinceOf, type DockerEvent, type EventStreamHandle } from './eventStream.js';
import { KernelFactCache } from './kernelFactCache.js';
import { NamespacePrefetch } from './namespacePrefetch.js';
import { watchLiveness, type LivenessOptions } from './liveness.js';
import { TopologyPublisher } from './topologyPublisher.js';
import { NO_TIMINGS, type Timings } from '../util/stageTimings.js';

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
  /** How often the engine is pinged, and how long a ping may take. */
  liveness?: LivenessOptions;
  /** Subscribe to netlink changes in the namespaces shown (default true; a one-shot read does not need them). */
  watchKernel?: boolean;
  /** Where the time goes, stage by stage (a one-shot read's --timings). */
  timings?: Timings;
}

const NO_HELPER: HelperStatus = { mode: 'off', reason: 'no helper for this connection' };
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/**
 * How long a Docker event waits for others before the rebuild: events Docker sends together (a container's
 * die, network disconnect and stop) are read at once. Longer bursts (compose up) need no wait of their own:
 * one rebuild runs at a time, and everything that arrived meanwhile is read by the next.
 */
const DEBOUNCE_MS = 5;
/** How long a netlink change waits for Docker's event about the same change. */
const KERNEL_SETTLE_MS = 80;

export class LiveTopology {
  private readonly docker: DockerFactCache;
  private readonly kernelFacts: KernelFactCache;
  private readonly prefetch: NamespacePrefetch;
  private readonly publisher = new TopologyPublisher();
  private readonly timings: Timings;
  private readonly statusListeners = new Listeners<EngineStatus>();
  private engine: EngineInfo | null = null;
  private status: EngineStatus;
  private stream: EventStreamHandle | null = null;
  private since: string | null = null;
  private attempt = 0;
  /** Bumped on every session with the engine (each reconnect starts one): work begun for an older one is dropped. */
  private generation = 0;
  private stopped = true;
  private ready = false;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushDue = 0;
  private flushing: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private safetyTimer: NodeJS.Timeout | null = null;
  private stopLiveness: (() => void) | null = null;
  /** While the engine keeps its socket open but does not answer: when it last answered. */
  private silentSince: number | null = null;

  constructor(private readonly options: LiveTopologyOptions) {
    this.timings = options.timings ?? NO_TIMINGS;
    const concurrency = options.endpoint.address.kind === 'ssh' ? SSH_INSPECT_CONCURRENCY : LOCAL_INSPECT_CONCURRENCY;
    this.docker = new DockerFactCache(options.docker, this.timings, concurrency);
    this.kernelFacts = new KernelFactCache(options.kernel, Boolean(options.readKernel));
    this.prefetch = new NamespacePrefetch(options.kernel, this.timings);
    this.status = { state: 'connecting', endpoint: options.endpoint.url, source: options.endpoint.source, error: null, retryAt: null };
    options.kernel?.changes.add(({ pid, hostLink }) => {
      this.kernelFacts.notePid(pid, hostLink);
      // Docker's own event for the same change (connect, start) usually follows within tens of
      // milliseconds: waiting a little longer lets one rebuild carry both.
      if (this.ready) this.scheduleFlush(KERNEL_SETTLE_MS);
    });
    options.kernel?.statusChanges.add(() => {
      // Started (or lost) the helper: every namespace, and the host, needs reading again.
      this.kernelFacts.helperChanged();
      this.docker.markAllContainers();
      if (this.ready) this.scheduleFlush();
    });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchLiveness();
    void this.openSession();
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
    return this.publisher.current();
  }

  /** Lists and inspects everything now and returns the Topology built from it (the safety re-list, on demand; the benchmark times it). */
  async refreshAll(): Promise<Topology | null> {
    await this.relist();
    return this.publisher.current();
  }

  /**
   * Brings the Topology up to every event received so far: a rebuild that is waiting out its debounce runs
   * now, and one under way is waited for (a warm CLI answer must not miss the change the user just made).
   */
  async settle(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
      await this.flush();
    }
    if (this.flushing) await this.flushing;
  }

  currentStatus(): EngineStatus {
    return this.status;
  }

  on(event: 'topology', listener: (topology: Topology) => void): () => void;
  on(event: 'status', listener: (status: EngineStatus) => void): () => void;
  on(event: 'topology' | 'status', listener: ((topology: Topology) => void) | ((status: EngineStatus) => void)): () => void {
    return event === 'topology'
      ? this.publisher.published.add(listener as (topology: Topology) => void)
      : this.statusListeners.add(listener as (status: EngineStatus) => void);
  }

  /** The current Topology, or the first one, or an error saying why there is none. */
  waitForTopology(timeoutMs: number, failFast = false): Promise<Topology> {
    const now = this.publisher.current();
    if (now) return Promise.resolve(now);
    if (failFast && this.status.error && this.status.state !== 'unresponsive') return Promise.reject(new Error(this.status.error));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribeTopology();
        unsubscribeStatus();
      };
      const timer = setTimeout(() => {
        done();
        const seconds = Math.round(timeoutMs / 1000);
        reject(
          new Error(
            this.status.error ??
              `The Docker engine at ${this.status.endpoint} did not answer within ${seconds} s: it may be hung, overloaded or still starting.`,
          ),
        );
      }, timeoutMs);
      const unsubscribeTopology = this.on('topology', (topology) => {
        done();
        resolve(topology);
      });
      // A one-shot command gives up at the first failure to reach the engine instead of waiting for a retry.
      // A missed liveness ping is not one: over ssh on a busy machine a ping (behind the read's calls) can
      // miss while the read is on its way; a silent engine is still given up on at timeoutMs, in its words.
      const unsubscribeStatus = this.on('status', (status) => {
        if (!failFast || !status.error || status.state === 'unresponsive') return;
        done();
        reject(new Error(status.error));
      });
    });
  }

  /** Opens the event stream, then reads everything; any failure goes to the reconnect loop. */
  private async openSession(): Promise<void> {
    const generation = ++this.generation;
    const { docker, endpoint } = this.options;
    this.ready = false;
    // A silent engine stays reported as such while this attempt waits on it.
    if (this.silentSince === null)
      this.setStatus({ state: this.attempt === 0 && !this.current() ? 'connecting' : 'reconnecting', retryAt: null });
    try {
      // The stream is open before any listing, so no change between the list and the subscription is missed;
      // the engine's version and info are asked meanwhile; the list waits for neither, the helper's start for the version.
      const asked = fetchEngineInfo(docker, endpoint.url);
      const engine = this.timings.time('docker: version and info', () => asked.engine);
      const arch = this.timings.time('docker: version', () => asked.version).then((version) => version.Arch ?? '');
      // A failure is taken where it is awaited.
      engine.catch(() => {});
      arch.catch(() => {});
      this.stream = await this.timings.time('docker: open the event stream', () =>
        openEventStream(docker, this.since, {
          onEvent: (event) => generation === this.generation && this.onEvent(event),
          onEnd: (error) => generation === this.generation && this.onEngineLost(error),
        }),
      );
      if (generation !== this.generation) return this.stream.close();
      await this.relist(
        engine.then((info) => {
          if (generation === this.generation) this.engine = info;
          return info;
        }),
        arch,
      );
      if (generation !== this.generation) return;
      this.attempt = 0;
      this.ready = true;
      this.silentSince = null;
      this.setStatus({ state: 'live', error: null, retryAt: null, silentSince: null });
      this.scheduleSafetyRelist(generation);
      if (this.docker.hasDirty) this.scheduleFlush();
    } catch (error) {
      if (generation === this.generation) this.onEngineLost(error);
    }
  }

  private onEngineLost(error: unknown): void {
    if (this.stopped) return;
    this.generation++;
    this.ready = false;
    this.stream?.close();
    this.stream = null;
    if (this.safetyTimer) clearTimeout(this.safetyTimer);
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)] ?? 4000;
    this.attempt++;
    this.retryTimer = setTimeout(() => void this.openSession(), delay);
    // Timed out on a silent engine: that is what the user needs to know, not the timeout.
    if (this.silentSince !== null) return;
    this.setStatus({
      state: this.current() || this.attempt > 1 ? 'reconnecting' : 'connecting',
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
            error: `The Docker engine at ${url} has not answered for ${seconds} s: it may be hung or overloaded.${this.current() ? ' The graph shows the last state seen.' : ''}`,
            silentSince: new Date(lastAnswerAt).toISOString(),
          });
        },
        onAnswering: () => {
          this.silentSince = null;
          if (!this.ready) return this.setStatus({ state: this.current() ? 'reconnecting' : 'connecting', error: null, silentSince: null });
          this.setStatus({ state: 'live', error: null, silentSince: null });
          const generation = this.generation;
          // Whatever happened meanwhile: read it all again.
          void this.relist().catch((error: unknown) => generation === this.generation && this.onEngineLost(error));
        },
        onGone: (error) => {
          if (this.ready) this.onEngineLost(error);
        },
      },
      this.options.liveness,
    );
  }

  private onEvent(event: DockerEvent): void {
    this.since = sinceOf(event) ?? this.since;
    if (this.docker.note(event) && this.ready) this.scheduleFlush();
  }

  /** Flushes after `delay` (default: the debounce), or sooner if a flush is already due sooner. */
  private scheduleFlush(delay = this.options.debounceMs ?? DEBOUNCE_MS): void {
    const due = Date.now() + delay;
    if (this.flushTimer && this.flushDue <= due) return;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushDue = due;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, delay);
  }

  /** Re-reads what events named, then publishes. One flush at a time. */
  private async flush(): Promise<void> {
    if (this.flushing) {
      await this.flushing;
      if (this.docker.hasDirty) this.scheduleFlush();
      return;
    }
    const generation = this.generation;
    this.flushing = (async () => {
      try {
        const read = await this.docker.readDirty();
        if (generation !== this.generation) return;
        await this.afterRead(read, [...this.kernelFacts.takeChanged(), ...this.docker.overlayNeighbours(read)]);
      } catch (error) {
        // Lost the engine mid-flush: the cache kept the work for after the reconnect.
        if (generation === this.generation) this.onEngineLost(error);
      }
    })();
    await this.flushing;
    this.flushing = null;
  }

  /** Lists and inspects everything, replacing what was known. */
  private async relist(
    engine: Promise<EngineInfo> | EngineInfo | null = this.engine,
    arch: Promise<string> | string | null = this.engine?.arch ?? null,
  ): Promise<void> {
    // A helper that could not start while the engine was away (or hung) gets another chance;
    // starting it and reading Docker's facts go on at once. The start needs only the engine's architecture.
    const startHelper = async () => {
      const engineArch = await arch;
      if (engineArch !== null)
        await this.timings.time('helper: start (all of it)', async () => this.options.kernel?.ensureStarted(engineArch));
    };
    // Namespaces are read as the inspects come in (./namespacePrefetch.ts), from when the helper runs.
    this.prefetch.begin();
    let read: ReadResult;
    let prefetched: Map<number, KernelNamespace>;
    try {
      [read] = await Promise.all([
        this.docker.readAll((json) => this.prefetch.add(json)),
        startHelper().finally(() => this.prefetch.ready()),
        engine,
      ]);
    } finally {
      prefetched = await this.prefetch.end();
    }
    this.kernelFacts.clear();
    await this.afterRead(read, [], prefetched);
  }

  /** Brings the kernel's facts up to date for what was read (taking namespaces already read, by pid), and publishes. */
  private async afterRead(read: ReadResult, alsoKernel: string[], prefetched = new Map<number, KernelNamespace>()): Promise<void> {
    this.kernelFacts.forget(read.removed);
    await this.kernelFacts.refresh([...read.containerIds, ...alsoKernel], (id) => this.docker.container(id), prefetched);
    this.publish();
  }

  private scheduleSafetyRelist(generation: number): void {
    this.safetyTimer = setTimeout(async () => {
      if (generation !== this.generation) return;
      try {
        await this.relist();
        this.scheduleSafetyRelist(generation);
      } catch (error) {
        if (generation === this.generation) this.onEngineLost(error);
      }
    }, this.options.safetyRelistMs ?? 60_000);
  }

  private publish(): void {
    if (!this.engine) return;
    const engine = this.engine;
    this.timings.timeSync('build the Topology', () =>
      this.publisher.publish({
        engine,
        networks: this.docker.allNetworks(),
        containers: this.docker.allContainers(),
        ...this.docker.swarmFacts(),
        ...this.kernelFacts.facts(),
        helper: this.options.kernel?.status() ?? NO_HELPER,
        helperImageId: this.options.kernel?.helperImageId ?? null,
      }),
    );
    if (this.options.watchKernel !== false) this.kernelFacts.updateWatch();
  }

  private setStatus(change: Partial<EngineStatus>): void {
    const next = { ...this.status, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.statusListeners.emit(next);
  }
}
