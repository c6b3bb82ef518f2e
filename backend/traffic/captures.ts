/**
 * Packet captures through the helper: checked here first (a container that is
 * not running, uses the host's network or has no such interface is refused with
 * what to do instead), then streamed: the helper's packet batches are passed on
 * as they come and nothing keeps them. At most MAX_CAPTURES run at once; a
 * capture whose helper stops ends with that said.
 */
import { DockwireError } from '../../common/errors.js';
import { helperEvents } from '../../common/helperProtocol.js';
import { mustFind } from '../../common/resolve.js';
import { whyNotCapture } from '../../common/rules.js';
import type { ContainerInfo, Topology } from '../../common/topology.js';
import type { CaptureEnd, CapturePackets, CaptureSpec, CaptureStarted } from '../../common/traffic.js';
import { HelperError } from '../helper/helperClient.js';
import type { KernelView } from '../helper/kernelView.js';
import { Listeners } from '../util/listeners.js';

export const MAX_CAPTURES = 4;

export class CaptureRuns {
  readonly packets = new Listeners<CapturePackets>();
  readonly ends = new Listeners<CaptureEnd>();
  private readonly running = new Map<number, { captured: number }>();

  constructor(private readonly kernel: KernelView) {
    kernel.helperEvents.add(({ event, data }) => {
      if (event === 'capturePackets') {
        const batch = helperEvents.capturePackets(data, 'capturePackets');
        const run = this.running.get(batch.captureId);
        if (!run) return;
        run.captured += batch.packets.length;
        this.packets.emit(batch);
      } else if (event === 'captureEnd') {
        const end = helperEvents.captureEnd(data, 'captureEnd');
        if (this.running.delete(end.captureId)) this.ends.emit(end);
      }
    });
    // A helper that stops takes its captures with it: say so rather than leave them waiting.
    kernel.statusChanges.add((status) => {
      if (status.mode === 'container' || status.mode === 'local') return;
      for (const [captureId, run] of this.running) {
        this.running.delete(captureId);
        this.ends.emit({
          captureId,
          reason: 'error',
          captured: run.captured,
          dropped: 0,
          error: `the helper stopped (${status.reason ?? status.mode})`,
        });
      }
    });
  }

  async start(topology: Topology, spec: CaptureSpec): Promise<CaptureStarted> {
    const container = mustFind('container', topology, spec.container);
    if (spec.underlay) return this.startUnderlay(topology, spec, container);
    const notAllowed = whyNotCapture(container);
    if (notAllowed) throw new DockwireError('invalid', notAllowed);
    const pid = container.pid;
    if (pid === null) throw new DockwireError('invalid', `${container.name} has no process to capture in: start it, then capture.`);
    const ifname = spec.iface ?? defaultInterface(container, topology);
    if (!this.kernel.running) {
      throw new DockwireError(
        'invalid',
        `Capturing needs the kernel view, which is off: ${this.kernel.status().reason ?? this.kernel.status().mode}.`,
      );
    }
    if (this.running.has(spec.captureId)) throw new DockwireError('bad-request', `capture ${spec.captureId} is running already`);
    if (this.running.size >= MAX_CAPTURES) {
      throw new DockwireError('busy', `${MAX_CAPTURES} captures are running already: stop one first.`);
    }
    this.running.set(spec.captureId, { captured: 0 });
    try {
      const started = await this.kernel.call('capture', {
        captureId: spec.captureId,
        pid,
        container: container.id,
        ifname,
        ...(spec.filter ? { filter: spec.filter } : {}),
        ...(spec.count ? { count: spec.count } : {}),
        ...(spec.seconds ? { seconds: spec.seconds } : {}),
      });
      if (!started) throw new DockwireError('invalid', 'Capturing needs the kernel view, which stopped.');
      return { captureId: spec.captureId, containerId: container.id, containerName: container.name, ifname, snaplen: started.snaplen };
    } catch (error) {
      this.running.delete(spec.captureId);
      throw refusal(error, container, ifname, topology);
    }
  }

  /** On the host's underlay: the interface holding the swarm node's address, VXLAN alone (the helper's filter). */
  private async startUnderlay(topology: Topology, spec: CaptureSpec, container: ContainerInfo): Promise<CaptureStarted> {
    if (spec.filter || spec.iface) {
      throw new DockwireError(
        'bad-request',
        'An underlay capture takes VXLAN alone (UDP 4789) on the swarm interface: no filter, no iface.',
      );
    }
    const underlay = topology.engine.swarmInterface;
    if (!underlay) {
      throw new DockwireError(
        'invalid',
        topology.engine.swarmAddress
          ? `No interface of ${topology.engine.hostname} holds its swarm address ${topology.engine.swarmAddress} as the kernel view has it (is it running?).`
          : `${topology.engine.hostname || 'This engine'} is not a swarm node: there is no underlay carrying ${container.name}'s overlay traffic.`,
      );
    }
    if (!this.kernel.running) {
      throw new DockwireError(
        'invalid',
        `Capturing needs the kernel view, which is off: ${this.kernel.status().reason ?? this.kernel.status().mode}.`,
      );
    }
    if (this.running.has(spec.captureId)) throw new DockwireError('bad-request', `capture ${spec.captureId} is running already`);
    if (this.running.size >= MAX_CAPTURES) throw new DockwireError('busy', `${MAX_CAPTURES} captures are running already: stop one first.`);
    this.running.set(spec.captureId, { captured: 0 });
    try {
      const started = await this.kernel.call('captureUnderlay', {
        captureId: spec.captureId,
        ifname: underlay.name,
        ...(spec.count ? { count: spec.count } : {}),
        ...(spec.seconds ? { seconds: spec.seconds } : {}),
      });
      if (!started) throw new DockwireError('invalid', 'Capturing needs the kernel view, which stopped.');
      const host = topology.engine.hostname;
      return {
        captureId: spec.captureId,
        containerId: container.id,
        containerName: host,
        ifname: underlay.name,
        snaplen: started.snaplen,
        underlayOf: host,
      };
    } catch (error) {
      this.running.delete(spec.captureId);
      throw error;
    }
  }

  async stop(captureId: number): Promise<void> {
    if (!this.running.has(captureId)) return;
    await this.kernel.call('captureStop', { captureId }).catch((error: unknown) => {
      // Ended on its own meanwhile: its captureEnd is on its way.
      if (!(error instanceof HelperError && error.code === 'not-found')) throw error;
    });
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id).catch(() => {})));
  }
}

/** The interface a capture takes when none is named: the container's first endpoint's (its owner's, for a sharer). */
function defaultInterface(container: ContainerInfo, topology: Topology): string {
  const owner = container.networkModeKind === 'container' ? topology.containers.find((c) => c.id === container.netnsOwner) : container;
  const first = (owner ?? container).endpoints.find((e) => e.ifname)?.ifname;
  if (first) return first;
  if (container.networkModeKind === 'none' || (owner ?? container).endpoints.length === 0) {
    throw new DockwireError('invalid', `${container.name} has no network interface but lo (--network none): name one with --iface lo.`);
  }
  throw new DockwireError(
    'invalid',
    `The interface names of ${container.name} are unknown (the kernel was not read): name one with --iface.`,
  );
}

function refusal(error: unknown, container: ContainerInfo, ifname: string, topology: Topology): Error {
  if (!(error instanceof HelperError)) return error as Error;
  if (error.code === 'not-found') {
    const owner = container.networkModeKind === 'container' ? topology.containers.find((c) => c.id === container.netnsOwner) : container;
    const names = ['lo', ...(owner ?? container).endpoints.flatMap((e) => (e.ifname ? [e.ifname] : []))];
    return new DockwireError('not-found', `${container.name} has no interface ${ifname}; it has ${names.join(', ')}.`);
  }
  if (error.code === 'stale-pid') {
    return new DockwireError('invalid', `${container.name} stopped or restarted just now: look again and retry.`);
  }
  if (error.code === 'bad-request') return new DockwireError('invalid', error.message.replace(/^filter: /, 'Filter: '));
  if (error.code === 'busy') return new DockwireError('busy', error.message);
  return new DockwireError('internal', error.message);
}
