/**
 * Runs on the engine that the panels follow as they go: a connectivity test, all pairs on a network, a test from
 * the host, a trace, a packet capture. Each is given the client by ./perform.ts (the registry's perform), and keeps the
 * store up to date as answers come; a newer run (or a closed panel) replaces an older one, whose late answer is
 * dropped.
 */
import { onEngine } from '../store/selectedEngine';
import type { DockwireClient } from '../../../common/contract';
import type { TestSpec } from '../../../common/testReport';
import type { TraceSpec } from '../../../common/trace';
import { containerNodeId } from '../layout/ids';
import { useCapture, type CaptureTarget } from '../store/captureStore';
import { useDockwire } from '../store/store';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runTest(client: DockwireClient, spec: TestSpec): Promise<void> {
  const { setTestRun } = useDockwire.getState();
  const testId = Math.floor(Math.random() * 1_000_000_000);
  setTestRun({ testId, spec, running: true, steps: [], report: null, error: null });
  const stillOurs = () => useDockwire.getState().testRun?.testId === testId;
  try {
    const report = await client.test({ ...spec, testId });
    if (stillOurs()) setTestRun({ testId, spec, running: false, steps: report.steps, report, error: null });
  } catch (error) {
    if (stillOurs()) setTestRun({ testId, spec, running: false, steps: [], report: null, error: message(error) });
  }
}

/** Stops the test that runs: the report comes back with the steps done, marked cancelled. */
export async function cancelTest(client: DockwireClient): Promise<void> {
  const run = useDockwire.getState().testRun;
  if (run?.running) await client.cancelTest({ testId: run.testId });
}

/** Tests a published port from the engine host; the panel shows it while it runs and after. */
export async function testFromHost(client: DockwireClient, target: string, httpPath: string, engine?: string): Promise<void> {
  const { setHostTest } = useDockwire.getState();
  setHostTest({ target, httpPath, running: true, report: null, error: null });
  const stillOurs = () => useDockwire.getState().hostTest?.target === target;
  try {
    const report = await client.testFromHost({ target, ...(httpPath ? { httpPath } : {}), ...onEngine(engine) });
    if (stillOurs()) setHostTest({ target, httpPath, running: false, report, error: null });
  } catch (error) {
    if (stillOurs()) setHostTest({ target, httpPath, running: false, report: null, error: message(error) });
  }
}

/** Traces a test's packets hop by hop; the panel shows it, the graph lights its path. */
export async function runTrace(client: DockwireClient, spec: TraceSpec): Promise<void> {
  const { setTrace } = useDockwire.getState();
  setTrace({ spec, running: true, report: null, error: null });
  const stillOurs = () => useDockwire.getState().trace?.spec === spec;
  try {
    const report = await client.trace(spec);
    if (stillOurs()) setTrace({ spec, running: false, report, error: null });
  } catch (error) {
    if (stillOurs()) setTrace({ spec, running: false, report: null, error: message(error) });
  }
}

export async function startAllPairs(client: DockwireClient, networkId: string): Promise<void> {
  const topology = useDockwire.getState().topology;
  const name = topology?.networks.find((n) => n.id === networkId)?.name ?? networkId;
  const started = await client.startAllPairs({ network: networkId });
  useDockwire.getState().showAllPairs({
    runId: started.runId,
    network: name,
    containers: started.containers,
    sharers: started.sharers,
    total: started.total,
  });
}

export async function cancelAllPairs(client: DockwireClient): Promise<void> {
  const allPairs = useDockwire.getState().allPairs;
  if (allPairs && !allPairs.finished) await client.cancelAllPairs({ runId: allPairs.runId });
}

/** The tab's own id for a capture (the server gives it one of its own: see backend/server/sessionCaptures.ts). */
const newCaptureId = () => 1 + Math.floor(Math.random() * (2 ** 31 - 2));

/** Starts (or restarts, with the panel's filter) the capture of the panel's target. */
export async function startCapture(client: DockwireClient): Promise<void> {
  const state = useCapture.getState();
  if (!state.target) return;
  if (state.running && state.captureId !== null) await stopCapture(client);
  const captureId = newCaptureId();
  state.starting(captureId);
  try {
    const started = await client.startCapture({
      captureId,
      container: state.target.containerId,
      ...(state.target.underlay ? { underlay: true } : {}),
      ...(state.target.iface ? { iface: state.target.iface } : {}),
      ...(state.filter.trim() && !state.target.underlay ? { filter: state.filter.trim() } : {}),
    });
    useCapture.getState().started(captureId, { containerName: started.containerName, ifname: started.ifname, snaplen: started.snaplen });
  } catch (error) {
    useCapture.getState().failed(message(error));
  }
}

export async function stopCapture(client: DockwireClient): Promise<void> {
  const { captureId, running } = useCapture.getState();
  if (captureId === null || !running) return;
  await client.stopCapture({ captureId }).catch(() => {});
}

/** Opens the panel on a container's interface and starts capturing at once. */
export async function openCapture(client: DockwireClient, target: CaptureTarget): Promise<void> {
  void stopCapture(client);
  useCapture.getState().open(target);
  // The panel takes the bottom of the window: bring the container into view if it went under.
  useDockwire.getState().requestFit([containerNodeId(target.containerId)], true);
  await startCapture(client);
}

/** Closing the panel stops its capture: nothing runs that no one looks at. */
export async function closeCapture(client: DockwireClient): Promise<void> {
  void stopCapture(client);
  useCapture.getState().close();
}
