/** Running connectivity tests from the UI: one test, the one-click fix, and all pairs on a network. */
import type { Fix, TestSpec } from '../../../common/testReport';
import { client } from '../client/instance';
import { useDockwire } from '../store/store';
import { connectChange } from './changes';
import { execute, notify } from './execute';
import { snapshotReason } from '../snapshots/readOnly';
import { whenTopology } from '../store/whenTopology';
import type { Topology } from '../../../common/topology';

export async function runTest(spec: TestSpec): Promise<void> {
  const { setTestRun } = useDockwire.getState();
  const testId = Math.floor(Math.random() * 1_000_000_000);
  setTestRun({ testId, spec, running: true, steps: [], report: null, error: null });
  // A newer test (or a closed panel) replaces this one: its late answer must not come back.
  const stillOurs = () => useDockwire.getState().testRun?.testId === testId;
  try {
    const report = await client().test({ ...spec, testId });
    if (stillOurs()) setTestRun({ testId, spec, running: false, steps: report.steps, report, error: null });
  } catch (error) {
    if (stillOurs())
      setTestRun({ testId, spec, running: false, steps: [], report: null, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Stops the test that runs: the report comes back with the steps done, marked cancelled. */
export async function cancelTest(): Promise<void> {
  const run = useDockwire.getState().testRun;
  if (run?.running) await client().cancelTest({ testId: run.testId });
}

/** Applies a diagnosis's fix, then runs the same test again to show it worked. */
export async function applyFix(fix: Fix, spec: TestSpec): Promise<void> {
  const topology = useDockwire.getState().topology;
  const container = topology?.containers.find((c) => c.id === fix.container)?.name ?? fix.container;
  const outcome = await execute(connectChange({ container: fix.container, network: fix.network }, { container, network: fix.networkName }));
  if (!outcome.ok) return;
  // Test again once the connect's event has reached the live Topology (the backend tests against the same model);
  // if it never comes, the test runs anyway and says what it finds.
  const connected = (t: Topology) =>
    t.containers.some((c) => c.id === fix.container && c.endpoints.some((e) => e.networkId === fix.network && e.endpointId));
  await whenTopology(connected, 5000);
  await runTest(spec);
}

export async function startMatrix(networkId: string): Promise<void> {
  const topology = useDockwire.getState().topology;
  const name = topology?.networks.find((n) => n.id === networkId)?.name ?? networkId;
  const started = await client().startMatrix({ network: networkId });
  useDockwire.getState().startMatrixView({
    runId: started.runId,
    network: name,
    containers: started.containers,
    sharers: started.sharers,
    total: started.total,
  });
}

export async function cancelMatrix(): Promise<void> {
  const matrix = useDockwire.getState().matrix;
  if (matrix && !matrix.finished) await client().cancelMatrix({ runId: matrix.runId });
}

/** Tests a published port from the engine host; the panel shows it while it runs and after. */
export async function runHostTest(target: string, httpPath = ''): Promise<void> {
  const { setHostTest, view } = useDockwire.getState();
  const readOnly = snapshotReason(view);
  if (readOnly) return notify(readOnly);
  setHostTest({ target, httpPath, running: true, report: null, error: null });
  const stillOurs = () => useDockwire.getState().hostTest?.target === target;
  try {
    const report = await client().testFromHost({ target, ...(httpPath ? { httpPath } : {}) });
    if (stillOurs()) setHostTest({ target, httpPath, running: false, report, error: null });
  } catch (error) {
    if (stillOurs())
      setHostTest({ target, httpPath, running: false, report: null, error: error instanceof Error ? error.message : String(error) });
  }
}
