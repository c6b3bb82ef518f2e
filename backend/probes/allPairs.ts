/**
 * "Test all pairs" on a network: DNS and ping from every running container to
 * every other, in parallel, reported a cell at a time; cancellable.
 */
import type Docker from 'dockerode';
import type { AllPairsProgress } from '../../common/contract.js';
import { effectiveEndpoints } from '../../common/diagnose.js';
import { mustFind } from '../../common/resolve.js';
import { pairReason } from '../../common/pairReason.js';
import type { PairCell, PairSharer } from '../../common/testReport.js';
import type { Topology } from '../../common/topology.js';
import { Listeners } from '../util/listeners.js';
import type { KernelView } from '../helper/kernelView.js';
import { execProbes, helperProbes } from './helperProbes.js';

const CONCURRENCY = 16;

export class AllPairsRuns {
  private nextId = 1;
  /** Runs still going, and whether each was asked to stop: only these can be cancelled, so the set stays small. */
  private readonly running = new Map<number, { cancelled: boolean }>();
  readonly progress = new Listeners<AllPairsProgress>();

  constructor(
    private readonly docker: Docker,
    private readonly kernel: KernelView,
  ) {}

  start(topology: Topology, networkRef: string): { runId: number; total: number; containers: string[]; sharers: PairSharer[] } {
    const network = mustFind('network', topology, networkRef);
    const running = topology.containers.filter((c) => c.state === 'running' && c.pid);
    // A container in another's namespace (container:x) has x's interfaces: testing it apart would repeat x's row, and its
    // column would fail DNS (Docker names only x). It is shown as x's, tested from x's namespace.
    const sharesWith = (c: (typeof running)[number]) =>
      c.networkModeKind === 'container' && c.netnsOwner ? running.find((o) => o.id === c.netnsOwner && o.id !== c.id) : undefined;
    const members = running
      .filter((c) => !sharesWith(c))
      .map((c) => ({ container: c, endpoint: effectiveEndpoints(c, topology).find((e) => e.networkId === network.id && e.ipv4) }))
      .filter((m): m is { container: typeof m.container; endpoint: NonNullable<typeof m.endpoint> } => Boolean(m.endpoint));
    const pairs = members.flatMap((a) => members.filter((b) => b !== a).map((b) => ({ a, b })));
    const runId = this.nextId++;
    const run = { cancelled: false };
    this.running.set(runId, run);
    const report = (done: number, extra: Partial<AllPairsProgress>) =>
      this.progress.emit({ runId, network: network.name, total: pairs.length, done, finished: false, cancelled: false, ...extra });

    void (async () => {
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < pairs.length && !run.cancelled) {
          const { a, b } = pairs[next++]!;
          const probes = this.kernel.running
            ? helperProbes(this.kernel, { pid: a.container.pid!, container: a.container.id })
            : execProbes(this.docker, a.container.id);
          const address = b.endpoint.ipv4!.split('/')[0]!;
          const cell: PairCell = {
            from: a.container.name,
            to: b.container.name,
            dns: 'n/a',
            ping: 'fail',
            evidence: { dns: null, ping: null },
            reason: null,
          };
          try {
            if (network.dns) {
              const dns = await probes.dns(b.container.name);
              cell.dns = dns.step.status === 'pass' ? 'pass' : 'fail';
              cell.evidence.dns = dns.step.evidence;
            }
            const ping = await probes.ping(address, 1);
            cell.ping = ping.status === 'pass' ? 'pass' : 'fail';
            cell.evidence.ping = ping.evidence;
          } catch (error) {
            cell.evidence.ping = String(error);
          }
          cell.reason = pairReason(cell);
          report(++done, { cell });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pairs.length) }, worker));
      this.running.delete(runId);
      report(done, { finished: true, cancelled: run.cancelled });
    })();
    const memberIds = new Set(members.map((m) => m.container.id));
    const sharers = running.flatMap((c) => {
      const owner = sharesWith(c);
      return owner && memberIds.has(owner.id) ? [{ name: c.name, owner: owner.name }] : [];
    });
    return { runId, total: pairs.length, containers: members.map((m) => m.container.name), sharers };
  }

  /** Stops a run that is going; an unknown or finished run is nothing to do. */
  cancel(runId: number): void {
    const run = this.running.get(runId);
    if (run) run.cancelled = true;
  }

  /** How many runs are going (for tests of the bound). */
  get active(): number {
    return this.running.size;
  }
}
