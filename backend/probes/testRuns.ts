/**
 * Connectivity tests that a client follows: each step is pushed as a
 * `testStep` event as it is done, and a test can be cancelled by its id. Ids
 * are the client's (it knows them before the first step arrives); only tests
 * still running are remembered, so the set stays as small as what runs.
 */
import type Docker from 'dockerode';
import type { TestProgress, TestReport, TestSpec } from '../../common/testReport.js';
import type { Topology } from '../../common/topology.js';
import type { KernelView } from '../helper/kernelView.js';
import { Cancellables } from '../util/cancellables.js';
import { Listeners } from '../util/listeners.js';
import { runConnectivityTest } from './connectivityTestRun.js';

/** More tests than anyone runs at once: past it, a test still runs, but cannot be cancelled. */
const MAX_FOLLOWED = 64;

export class TestRuns {
  private readonly running = new Cancellables(MAX_FOLLOWED);
  readonly progress = new Listeners<TestProgress>();

  constructor(
    private readonly docker: Docker,
    private readonly kernel: KernelView,
  ) {}

  async run(topology: Topology, spec: TestSpec & { testId?: number }): Promise<TestReport> {
    const { testId, ...test } = spec;
    if (testId === undefined || !this.running.canStart(testId)) return runConnectivityTest(this.docker, this.kernel, topology, test);
    return this.running.run(testId, (signal) =>
      runConnectivityTest(this.docker, this.kernel, topology, test, {
        signal,
        onStep: (step) => this.progress.emit({ testId, step }),
      }),
    );
  }

  /** Stops a test that runs; an unknown or finished one is nothing to do. */
  cancel(testId: number): void {
    this.running.cancel(testId);
  }

  /** How many tests are followed now (for tests of the bound). */
  get active(): number {
    return this.running.size;
  }
}
