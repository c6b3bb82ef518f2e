/**
 * The kernel view: runs the native helper for one engine connection, asks it
 * for links and namespaces, and relays its netlink change events. Says plainly
 * when it cannot run and why; Dockwire then works from the Docker API alone.
 */
import type Docker from 'dockerode';
import type { HelperStatus, KernelLink, KernelNamespace } from '../../common/kernelFacts.js';
import type { EngineEndpoint } from '../engine/endpoint.js';
import { Listeners } from '../engine/listeners.js';
import { helperBinary } from './binary.js';
import { ensureHelperImage, launchInContainer, launchLocal, removeLeftovers, type LaunchedHelper } from './launch.js';

export type HelperPreference = 'container' | 'local' | 'off';

export interface KernelSnapshot {
  hostLinks: KernelLink[];
  namespaces: KernelNamespace[];
}

/** A netlink change: pid 0 is the host namespace. */
export interface KernelChange {
  pid: number;
}

const RESTART_DELAYS_MS = [1000, 3000, 10_000];

export class KernelView {
  private helper: LaunchedHelper | null = null;
  private starting: Promise<void> | null = null;
  private stopping = false;
  private restarts = 0;
  private engineArch = '';
  private current: HelperStatus;
  readonly changes = new Listeners<KernelChange>();
  /** The helper's other pushed events (wiring progress). */
  readonly helperEvents = new Listeners<{ event: string; data: unknown }>();
  readonly statusChanges = new Listeners<HelperStatus>();

  constructor(
    private readonly docker: Docker,
    private readonly endpoint: EngineEndpoint,
    private readonly preference: HelperPreference,
  ) {
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

  /** Starts the helper if it is not running; called on every engine (re)connect. */
  ensureStarted(engineArch: string): Promise<void> {
    this.engineArch = engineArch;
    if (this.preference === 'off' || this.running || this.stopping) return Promise.resolve();
    this.starting ??= this.start().finally(() => (this.starting = null));
    return this.starting;
  }

  async snapshot(pids: number[]): Promise<KernelSnapshot | null> {
    if (!this.helper || !this.running) return null;
    try {
      const result = await this.helper.client.request<{ host: { links: KernelLink[] }; namespaces: KernelNamespace[] }>('snapshot', { pids });
      return { hostLinks: result.host.links, namespaces: result.namespaces };
    } catch {
      return null; // the helper went away; its close handler says so
    }
  }

  /** A probe or a wiring request in a namespace; null when the helper is not running. */
  async probe<T>(method: 'route' | 'dns' | 'ping' | 'tcp' | 'http' | 'wire' | 'unwire', params: Record<string, unknown>, timeoutMs = 30_000): Promise<T | null> {
    if (!this.helper || !this.running) return null;
    return this.helper.client.request<T>(method, params, timeoutMs);
  }

  async watch(pids: number[]): Promise<void> {
    if (!this.helper || !this.running) return;
    await this.helper.client.request('watch', { pids }).catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.helper?.stop();
    this.helper = null;
  }

  private async start(): Promise<void> {
    try {
      const launched = await this.launch();
      const version = await launched.client.request<{ version: string }>('version', {}, 15_000);
      if (version.version !== '1') throw new Error(`the helper speaks version ${version.version}, Dockwire expects 1`);
      this.helper = launched;
      this.restarts = 0;
      launched.client.events.add((event) => {
        const pid = (event.data as { pid?: unknown })?.pid;
        if (event.event === 'netlink' && typeof pid === 'number') this.changes.emit({ pid });
        else this.helperEvents.emit(event);
      });
      launched.client.closed.add((reason) => this.onClosed(launched, reason));
      this.setStatus({ mode: this.preference === 'local' ? 'local' : 'container', reason: null });
      this.changes.emit({ pid: 0 });
    } catch (error) {
      this.setStatus({ mode: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  private async launch(): Promise<LaunchedHelper> {
    if (this.preference === 'local') {
      if (process.getuid?.() !== 0) throw new Error('local mode needs root: run Dockwire as root, or use the container helper');
      if (this.endpoint.connection.kind !== 'socket') throw new Error(`local mode needs the engine on this machine, not ${this.endpoint.url}`);
      const binary = helperBinary(process.arch);
      if ('missing' in binary) throw new Error(binary.missing);
      return launchLocal(binary.path);
    }
    const binary = helperBinary(this.engineArch);
    if ('missing' in binary) throw new Error(binary.missing);
    await removeLeftovers(this.docker);
    const image = await ensureHelperImage(this.docker, binary.path);
    try {
      return await launchInContainer(this.docker, image);
    } catch (error) {
      throw new Error(`the engine would not run the helper container: ${(error as Error).message}`, { cause: error });
    }
  }

  private onClosed(launched: LaunchedHelper, reason: string): void {
    if (this.helper !== launched) return;
    this.helper = null;
    if (this.stopping) return;
    this.setStatus({ mode: 'unavailable', reason: `the helper stopped (${reason}); restarting it` });
    const delay = RESTART_DELAYS_MS[this.restarts++];
    if (delay === undefined) {
      this.setStatus({ mode: 'unavailable', reason: `the helper keeps stopping (${reason}); restart Dockwire to try again` });
      return;
    }
    setTimeout(() => void this.ensureStarted(this.engineArch), delay);
  }

  private setStatus(status: HelperStatus): void {
    this.current = status;
    this.statusChanges.emit(status);
  }
}
