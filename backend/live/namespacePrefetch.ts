/**
 * Namespaces read while Docker's inspects are still coming in. A whole read (the first, and each re-list)
 * inspects every container and then reads their namespaces; on a big host both take over half a second, one
 * after the other. Here each running container's namespace is asked of the helper as soon as its inspect is
 * in (only the inspect says its pid): one request at a time, carrying all that came in since the last, so the
 * helper reads as many namespaces at once as it always does. The refresh after the read takes what was read
 * here for the same pid and asks the helper only for the rest (and for the host's links).
 */
import type { Target } from '../../common/helperProtocol.js';
import type { DockerContainerJson } from '../../common/dockerFacts.js';
import type { KernelNamespace } from '../../common/kernelFacts.js';
import type { KernelView } from '../helper/kernelView.js';
import { NO_TIMINGS, type Timings } from '../util/stageTimings.js';

/** The most containers one request names (the helper's own bound is 4096; ./kernelView.ts asks 2048 at most). */
const MOST_PER_REQUEST = 2048;

/** The namespace to read for a container: a running one with a namespace of its own (not host, not container:<x>). */
export function namespaceTarget(json: DockerContainerJson | undefined): Target | null {
  const mode = json?.HostConfig?.NetworkMode ?? '';
  const ownNamespace = mode !== 'host' && !mode.startsWith('container:');
  return json?.State?.Running && json.State.Pid && ownNamespace ? { pid: json.State.Pid, container: json.Id } : null;
}

export class NamespacePrefetch {
  private open = false;
  /** The helper has started and swept for this read: a namespace read before its sweep could show a veth end it deletes. */
  private helperReady = false;
  private waiting: Target[] = [];
  private asking: Promise<void> | null = null;
  private read = new Map<number, KernelNamespace>();
  private firstAskedAt: number | null = null;

  constructor(
    private readonly kernel: KernelView | undefined,
    private readonly timings: Timings = NO_TIMINGS,
  ) {}

  /** A whole read begins: containers read from now on are prefetched. */
  begin(): void {
    this.open = true;
    this.helperReady = false;
    this.waiting = [];
    this.read = new Map();
    this.firstAskedAt = null;
  }

  /** A container's inspect came in. */
  add(json: DockerContainerJson): void {
    const target = this.open ? namespaceTarget(json) : null;
    if (!target) return;
    this.waiting.push(target);
    this.askNext();
  }

  /** The helper's start for this read is over (started and swept, already running, or failed): asking may begin. */
  ready(): void {
    this.helperReady = true;
    this.askNext();
  }

  /** Asks for what waits, unless a request is under way or the helper is not ready. */
  private askNext(): void {
    if (!this.open || !this.helperReady || this.asking || this.waiting.length === 0 || !this.kernel?.running) return;
    const targets = this.waiting.splice(0, MOST_PER_REQUEST);
    this.firstAskedAt ??= performance.now();
    this.asking = this.kernel
      .call('snapshot', { targets, hostLinks: [] })
      .then(
        (answer) => {
          for (const namespace of answer?.namespaces ?? []) if (!namespace.error) this.read.set(namespace.pid, namespace);
        },
        () => {}, // not read here: the refresh asks for it
      )
      .then(() => {
        this.asking = null;
        this.askNext();
      });
  }

  /**
   * The read is over: nothing more is asked, the request under way is waited for, and what was read is handed
   * over by pid (what still waited is left to the refresh).
   */
  async end(): Promise<Map<number, KernelNamespace>> {
    this.open = false;
    this.waiting = [];
    while (this.asking) await this.asking;
    if (this.firstAskedAt !== null) this.timings.record(`kernel: ${this.read.size} namespaces read beside the inspects`, this.firstAskedAt);
    const read = this.read;
    this.read = new Map();
    return read;
  }
}
