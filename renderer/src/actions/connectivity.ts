/** Running connectivity tests from the UI: one test, the one-click fix, and all pairs on a network. */
import type { Fix, TestSpec } from '../../../common/testReport';
import { client } from '../client/instance';
import { useDockwire } from '../store/store';
import { connectChange } from './changes';
import { execute } from './execute';

export async function runTest(spec: TestSpec): Promise<void> {
  const { setTestRun } = useDockwire.getState();
  setTestRun({ spec, running: true, report: null, error: null });
  try {
    const report = await client().test(spec);
    setTestRun({ spec, running: false, report, error: null });
  } catch (error) {
    setTestRun({ spec, running: false, report: null, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Applies a diagnosis's fix, then runs the same test again to show it worked. */
export async function applyFix(fix: Fix, spec: TestSpec): Promise<void> {
  const topology = useDockwire.getState().topology;
  const container = topology?.containers.find((c) => c.id === fix.container)?.name ?? fix.container;
  const outcome = await execute(connectChange({ container: fix.container, network: fix.network }, { container, network: fix.networkName }));
  if (!outcome.ok) return;
  // Let the live Topology catch up with the new endpoint before testing again.
  await new Promise((resolve) => setTimeout(resolve, 300));
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
