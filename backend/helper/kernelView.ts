/**
 * The kernel view: runs the native helper for one engine connection, asks it
 * for links and namespaces, and relays its netlink change events. Says plainly
 * when it cannot run and why; Dockwire then works from the Docker API alone.
 *
 * A helper that stops answering (a stopped or stuck process) is noticed by a
 * heartbeat within 10 s, replaced, and the UI is told; one that exits is
 * restarted with backoff, for as long as the engine is there.
 */
import type Docker from 'dockerode';
import { HELPER_PROTOCOL_VERSION, type HelperMethod, type HelperMethods, type Target } from '../../common/helperProtocol.js';
import type { HelperStatus, KernelLink, KernelNamespace } from '../../common/kernelFacts.js';
import type { EngineEndpoint } from '../engine/endpoint.js';
import { Listeners } from '../util/listeners.js';
import { NO_TIMINGS, type Timings } from '../util/stageTimings.js';
import { helperBinary } from './binary.js';
import { launchKept } from './keptHelper.js';
import { ensureHelperImage, launchInContainer, launchLocal, removeLeftovers, type HelperImage, type LaunchedHelper } from './launch.js';

export type HelperPreference = 'container' | 'local' | 'off';

export interface KernelSnapshot {
  /** Every host link, or (asked for some by ifindex) those of them that still exist. */
  hostLinks: KernelLink[];
  namespaces: KernelNamespace[];
}

/**
 * A netlink change: pid 0 is the host namespace. On the host, hostLink is the ifindex of the link that changed
 * (itself or an address on it); without one (the helper started, or the kernel dropped notifications) every
 * host link needs reading again.
 */
export interface KernelChange {
  pid: number;
  hostLink?: number;
}

/** The KernelChange a helper's netlink event says (../../native-helper/watch.go: pid, kind, ifindex). */
export function kernelChangeOf(data: unknown): KernelChange | null {
  const { pid, kind, ifindex } = (data ?? {}) as { pid?: unknown; kind?: unknown; ifindex?: unknown };
  if (typeof pid !== 'number') return null;
  const named = (kind === 'link' || kind === 'addr') && Number.isSafeInteger(ifindex) && (ifindex as number) > 0;
  return pid === 0 && named ? { pid, hostLink: ifindex as number } : { pid };
}

const RESTART_DELAYS_MS = [1000, 3000, 10_000, 30_000];
/** The heartbeat: how often the helper is asked, and how long it has to answer. */
const HEARTBEAT_MS = 2000;
const HEARTBEAT_MISSES = 2;
/** The most containers one snapshot request names (the helper's own bound is 4096). */
const SNAPSHOT_CHUNK = 2048;
/** Starting the helper (importing its image, creating and attaching its container) must not hang a connection. */
const START_TIMEOUT_MS = 30_000;
/** A helper exec'd in a kept container answers at once, or the command starts its own. */
const KEPT_FIRST_ANSWER_MS = 5000;

export class KernelView {
  private helper: LaunchedHelper | null = null;
  private starting: Promise<void> | null = null;
  private stopping = false;
  private restarts = 0;
  private engineArch = '';
  private current: HelperStatus;
  private imageId: string | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly heartbeatMs: number;
  private readonly timings: Timings;
  private readonly keepSeconds: number;
  readonly changes = new Listeners<KernelChange>();
  /** The helper's other pushed events (wiring progress). */
  readonly helperEvents = new Listeners<{ event: string; data: unknown }>();
  readonly statusChanges = new Listeners<HelperStatus>();

  constructor(
    private readonly docker: Docker,
    private readonly endpoint: EngineEndpoint,
    private readonly preference: HelperPreference,
    {
      heartbeatMs = HEARTBEAT_MS,
      timings = NO_TIMINGS,
      keepSeconds = 0,
    }: {
      heartbeatMs?: number;
      timings?: Timings;
      /** Run the helper in a kept container that waits this long for the next command (./keptHelper.ts); 0: in its own. */
      keepSeconds?: number;
    } = {},
  ) {
    this.heartbeatMs = heartbeatMs;
    this.timings = timings;
    this.keepSeconds = keepSeconds;
    this.current =
      preference === 'off'
        ? { mode: 'off', reason: 'turned off (DOCKWIRE_HELPER=off)' }
        : { mode: 'unavailable', reason: 'starting the helper' };
  }

  status(): HelperStatus {
    return this.current;
  }

  get running(): boolean {
    return this.helper !== null && !this.helper.client.isClosed;
  }

  /** The verified helper image's id: containers running it are Dockwire's helpers. */
  get helperImageId(): string | null {
    return this.imageId;
  }

  /** The container the helper runs in (container mode), for tests and diagnostics. */
  get containerId(): string | null {
    return this.helper?.containerId ?? null;
  }

  /** Starts the helper if it is not running; called on every engine (re)connect. */
  ensureStarted(engineArch: string): Promise<void> {
    this.engineArch = engineArch;
    if (this.preference === 'off' || this.running || this.stopping) return Promise.resolve();
    this.starting ??= this.start().finally(() => (this.starting = null));
    return this.starting;
  }

  /**
   * The host's links and these containers' namespaces; null when the helper is not running. A host of more
   * containers than one request may name (the helper takes SNAPSHOT_CHUNK at most) is asked in parts at once.
   */
  async snapshot(targets: Target[], hostLinks?: number[]): Promise<KernelSnapshot | null> {
    const chunks: Target[][] = [];
    for (let start = 0; start === 0 || start < targets.length; start += SNAPSHOT_CHUNK)
      chunks.push(targets.slice(start, start + SNAPSHOT_CHUNK));
    // The host's links come with the first part; the others ask for none.
    const hostPart = (index: number) => (index === 0 ? (hostLinks ? { hostLinks } : {}) : { hostLinks: [] });
    const results = await this.timings.time(`kernel: read ${targets.length} namespaces (helper)`, () =>
      Promise.all(chunks.map((chunk, index) => this.call('snapshot', { targets: chunk, ...hostPart(index) }).catch(() => null))),
    );
    if (results.some((result) => !result)) return null;
    return { hostLinks: results[0]!.host.links, namespaces: results.flatMap((result) => result!.namespaces) };
  }

  /** One request to the helper; null when it is not running. Errors carry the helper's code. */
  async call<M extends HelperMethod>(
    method: M,
    params: HelperMethods[M]['params'],
    timeoutMs = 30_000,
  ): Promise<HelperMethods[M]['result'] | null> {
    if (!this.helper || !this.running) return null;
    return this.helper.client.request(method, params, timeoutMs);
  }

  /** Makes the watched namespaces the host plus these; says which are watched (null: the helper did not answer). */
  async watch(targets: Target[]): Promise<{ watching: number[] } | null> {
    return this.call('watch', { targets }).catch(() => null);
  }

  /** Lets go of the helper without waiting on the engine: its stdin closes, so it exits and its container goes. */
  detach(): void {
    this.stopping = true;
    this.stopHeartbeat();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.helper?.client.end();
    this.helper = null;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopHeartbeat();
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.helper?.stop();
    this.helper = null;
  }

  private async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`starting the helper took longer than ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      });
      const launched = await Promise.race([this.launch(), deadline]);
      const version = await this.timings.time('helper: first answer', () =>
        launched.client.request('version', {}, 15_000).catch(async (error: unknown) => {
          await launched.stop();
          throw error;
        }),
      );
      if (version.version !== HELPER_PROTOCOL_VERSION) {
        await launched.stop();
        throw new Error(
          `the helper speaks protocol ${version.version}, Dockwire ${HELPER_PROTOCOL_VERSION}: rebuild it (npm run build:helper)`,
        );
      }
      this.helper = launched;
      launched.client.events.add((event) => {
        const change = event.event === 'netlink' ? kernelChangeOf(event.data) : null;
        if (change) this.changes.emit(change);
        else this.helperEvents.emit(event);
      });
      launched.client.closed.add((reason) => this.onClosed(launched, reason));
      const notice = this.restarts > 0 ? this.current.reason : null;
      this.restarts = 0;
      // A wiring a helper before this one left half done (it was stopped midway) is undone before anything else.
      const { undone } = await this.timings.time('helper: sweep half-done wiring', () =>
        launched.client.request('sweepWires', {}, 15_000).catch(() => ({ undone: [] as string[] })),
      );
      this.setStatus({
        mode: this.preference === 'local' ? 'local' : 'container',
        reason: null,
        ...(notice ? { notice } : {}),
        ...(undone.length ? { undone } : {}),
      });
      this.startHeartbeat(launched);
      this.changes.emit({ pid: 0 });
    } catch (error) {
      this.setStatus({ mode: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
      this.scheduleRestart(this.current.reason ?? 'it could not start');
    } finally {
      clearTimeout(timer);
    }
  }

  private async launch(): Promise<LaunchedHelper> {
    if (this.preference === 'local') {
      if (process.getuid?.() !== 0) throw new Error('local mode needs root: run Dockwire as root, or use the container helper');
      if (this.endpoint.address.kind !== 'socket') throw new Error(`local mode needs the engine on this machine, not ${this.endpoint.url}`);
      const binary = helperBinary(process.arch);
      if ('missing' in binary) throw new Error(binary.missing);
      return launchLocal(binary.path);
    }
    const binary = helperBinary(this.engineArch);
    if ('missing' in binary) throw new Error(binary.missing);
    const image = await this.timings.time('helper: find its image', () => ensureHelperImage(this.docker, binary.path));
    this.imageId = image.id;
    // Leftovers are never this launch's own (./launch.ts), so they are removed beside its start, not before it.
    const leftovers = this.timings.time('helper: remove leftovers', () => removeLeftovers(this.docker, image));
    try {
      const kept = this.keepSeconds > 0 ? await this.timings.time('helper: run in the kept container', () => this.launchKept(image)) : null;
      if (kept) return kept;
      return await this.timings.time('helper: create, start, attach its container', () => launchInContainer(this.docker, image));
    } catch (error) {
      throw new Error(`the engine would not run the helper container: ${(error as Error).message}`, { cause: error });
    } finally {
      await leftovers.catch(() => {});
    }
  }

  /**
   * The helper in the kept container, once it has answered; null when there is none to use (its name taken by
   * another container, or its keeper leaving just as this command came): the command then starts its own.
   */
  private async launchKept(image: HelperImage): Promise<LaunchedHelper | null> {
    const launched = await launchKept(this.docker, image, this.keepSeconds).catch(() => null);
    if (!launched) return null;
    const answered = await launched.client.request('version', {}, KEPT_FIRST_ANSWER_MS).then(
      () => true,
      () => false,
    );
    if (answered) return launched;
    await launched.stop();
    return null;
  }

  /** Asks the helper for its version every few seconds; two missed answers and it is replaced. */
  private startHeartbeat(launched: LaunchedHelper): void {
    this.stopHeartbeat();
    let missed = 0;
    const beat = async () => {
      const answered = await launched.client.request('version', {}, this.heartbeatMs).then(
        () => true,
        () => false,
      );
      if (this.helper !== launched) return;
      missed = answered ? 0 : missed + 1;
      if (missed < HEARTBEAT_MISSES) {
        this.heartbeat = setTimeout(() => void beat(), this.heartbeatMs);
        return;
      }
      // Stuck or stopped: replace it. Its container is removed, which ends the old process.
      this.helper = null;
      this.setStatus({
        mode: 'unavailable',
        reason: `the helper stopped answering (no reply in ${(HEARTBEAT_MISSES * this.heartbeatMs) / 1000} s); restarted it`,
      });
      await launched.stop();
      this.restarts++;
      void this.ensureStarted(this.engineArch);
    };
    this.heartbeat = setTimeout(() => void beat(), this.heartbeatMs);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }

  private onClosed(launched: LaunchedHelper, reason: string): void {
    if (this.helper !== launched) return;
    this.helper = null;
    this.stopHeartbeat();
    if (this.stopping) return;
    this.setStatus({ mode: 'unavailable', reason: `the helper stopped (${reason}); restarting it` });
    this.scheduleRestart(reason);
  }

  /** Tries again with backoff; never gives up while Dockwire runs (each engine reconnect also tries). */
  private scheduleRestart(reason: string): void {
    if (this.stopping || this.restartTimer) return;
    const delay = RESTART_DELAYS_MS[Math.min(this.restarts, RESTART_DELAYS_MS.length - 1)]!;
    this.restarts++;
    this.setStatus({ mode: 'unavailable', reason: `${reason}; trying again in ${delay / 1000} s` });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      void this.ensureStarted(this.engineArch);
    }, delay);
  }

  private setStatus(status: HelperStatus): void {
    this.current = status;
    this.statusChanges.emit(status);
  }
}
