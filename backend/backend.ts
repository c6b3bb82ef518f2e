/**
 * Dockwire's backend: plain Node, no Electron. One instance per engine
 * connection, hosted by Electron's main process, the browser-mode server or
 * the CLI. It owns dockerode and hands out only plain data.
 */
import type Docker from 'dockerode';
import type { Events, Handlers } from '../common/contract.js';
import { DockwireError } from '../common/errors.js';
import type { EngineStatus } from '../common/topology.js';
import { createDockerClient } from './engine/dockerClient.js';
import type { EngineEndpoint } from './engine/endpoint.js';
import { engineEndpoint, helperKeepSeconds, helperPreference } from './config.js';
import { explainEngineError, isNotFound } from './engine/engineErrors.js';
import { LiveTopology } from './live/liveTopology.js';
import { KernelView } from './helper/kernelView.js';
import { connect, disconnect } from './changes/attachments.js';
import { containerAction, listImages, runContainer } from './changes/containers.js';
import { createNetwork, removeNetwork } from './changes/networks.js';
import { AllPairsRuns } from './probes/allPairs.js';
import { TestRuns } from './probes/testRuns.js';
import { PullRuns } from './changes/pulls.js';
import { runHostTest } from './probes/hostTestRun.js';
import { readFirewall, runTrace } from './probes/traceRun.js';
import { unwire, wire } from './changes/wiring.js';
import type { WireProgress } from '../common/contract.js';
import { fixedEngines } from './fixedEngines.js';
import { CaptureRuns } from './traffic/captures.js';
import { sampleCounters } from './traffic/counters.js';
import { NO_TIMINGS, type Timings } from './util/stageTimings.js';

export interface Backend {
  handlers: Handlers;
  /** Re-reads everything from the engine and the kernel now (the benchmark times this). */
  refreshAll(): Promise<void>;
  /** Resolves once the Topology includes every event received so far (for an answer read from the live model). */
  settle(): Promise<void>;
  /** The engine followed, as the user would write it (unix:///var/run/docker.sock, tcp://…). */
  readonly engineUrl: string;
  on<E extends keyof Events>(event: E, listener: (data: Events[E]) => void): () => void;
  /** Stops listening and removes the helper. */
  stop(): Promise<void>;
}

export interface BackendOptions {
  env?: Record<string, string | undefined>;
  /** How long getTopology waits for the first Topology before explaining why there is none. */
  firstTopologyTimeoutMs?: number;
  safetyRelistMs?: number;
  /**
   * One-shot use (the CLI): getTopology fails at the first failure to reach the engine rather than
   * wait for a retry; no netlink watch is set up; stop does not wait for the helper container's removal.
   */
  oneShot?: boolean;
  /** Where the first read's time goes, stage by stage (`dockwire topology --timings`). */
  timings?: Timings;
}

export function createBackend(options: BackendOptions = {}): Backend {
  const env = options.env ?? process.env;
  const endpoint = engineEndpoint(env);
  const docker = createDockerClient(endpoint);
  const timings = options.timings ?? NO_TIMINGS;
  // A one-shot command's helper runs in the kept container, which the next command finds running.
  const keepSeconds = options.oneShot ? helperKeepSeconds(env) : 0;
  const kernel = new KernelView(docker, endpoint, helperPreference(env), { timings, keepSeconds });
  const live = new LiveTopology({
    docker,
    endpoint,
    kernel,
    readKernel: endpoint.address.kind === 'socket',
    safetyRelistMs: options.safetyRelistMs,
    watchKernel: !options.oneShot,
    timings,
  });
  live.start();
  // Over ssh each of the first read's few parallel calls opens a channel, which starts a shell on the remote
  // host (1-2.5 s each on a busy machine here), and a big host's inspects take seconds more: 10 s is too short.
  const firstTimeout = options.firstTopologyTimeoutMs ?? (endpoint.address.kind === 'ssh' ? 30_000 : 10_000);
  const allPairs = new AllPairsRuns(docker, kernel);
  const tests = new TestRuns(docker, kernel);
  const pulls = new PullRuns(docker, endpoint.url, env);
  const captures = new CaptureRuns(kernel);

  const currentTopology = async () => {
    try {
      return await live.waitForTopology(firstTimeout, options.oneShot);
    } catch (error) {
      throw new DockwireError('engine-unreachable', (error as Error).message);
    }
  };

  const handlers: Handlers = {
    getTopology: currentTopology,
    async getStatus(): Promise<EngineStatus> {
      return live.currentStatus();
    },
    async inspect({ kind, id }) {
      return inspectRaw(docker, endpoint, kind, id);
    },
    listImages: () => listImages(docker, endpoint.url),
    pullImage: (params) => pulls.pull(params),
    cancelPull: async ({ pullId }) => {
      pulls.cancel(pullId);
      return {};
    },
    createNetwork: async (spec) => createNetwork(docker, await currentTopology(), spec),
    removeNetwork: async (spec) => removeNetwork(docker, await currentTopology(), spec),
    connect: async (spec) => connect(docker, await currentTopology(), spec),
    disconnect: async (spec) => disconnect(docker, await currentTopology(), spec),
    runContainer: async (spec) => runContainer(docker, await currentTopology(), spec),
    containerAction: async (params) => containerAction(docker, await currentTopology(), params),
    test: async (spec) => tests.run(await currentTopology(), spec),
    testFromHost: async (spec) => runHostTest(kernel, await currentTopology(), spec),
    cancelTest: async ({ testId }) => {
      tests.cancel(testId);
      return {};
    },
    trace: async (spec) => runTrace(kernel, await currentTopology(), spec),
    getFirewall: async () => readFirewall(kernel, await currentTopology()),
    startAllPairs: async ({ network }) => allPairs.start(await currentTopology(), network),
    cancelAllPairs: async ({ runId }) => {
      allPairs.cancel(runId);
      return {};
    },
    wire: async (spec) => wire(kernel, await currentTopology(), spec),
    unwire: async (spec) => unwire(kernel, await currentTopology(), spec),
    counters: async ({ containers }) => sampleCounters(kernel, await currentTopology(), containers),
    startCapture: async (spec) => captures.start(await currentTopology(), spec),
    stopCapture: async ({ captureId }) => {
      await captures.stop(captureId);
      return {};
    },
    ...fixedEngines(
      () => [{ name: endpoint.url, by: 'host', endpoint: endpoint.url }],
      'This backend follows one engine, chosen at its start: engines are added in the window (dockwire serve, or the app).',
    ),
  };

  // Where each event comes from; typed per event, so a listener only ever gets its own event's data.
  const subscribe: { [E in keyof Events]: (listener: (data: Events[E]) => void) => () => void } = {
    topology: (listener) => live.on('topology', listener),
    status: (listener) => live.on('status', listener),
    allPairs: (listener) => allPairs.progress.add(listener),
    testStep: (listener) => tests.progress.add(listener),
    pullProgress: (listener) => pulls.progress.add(listener),
    wire: (listener) => kernel.helperEvents.add(({ event, data }) => event === 'wire' && listener(data as WireProgress)),
    capturePackets: (listener) => captures.packets.add(listener),
    captureEnd: (listener) => captures.ends.add(listener),
  };

  return {
    handlers,
    on(event, listener) {
      return subscribe[event](listener as never);
    },
    refreshAll: async () => {
      await live.refreshAll();
    },
    settle: () => live.settle(),
    engineUrl: endpoint.url,
    stop: async () => {
      await Promise.race([captures.stopAll(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      live.stop();
      // About to exit: the helper ends when its stdin closes, and Docker removes its container (AutoRemove).
      if (options.oneShot) return kernel.detach();
      // Removing the helper container needs the engine; a hung one must not hold up the exit
      // (the helper exits by itself once its stdin closes).
      await Promise.race([kernel.stop(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    },
  };
}

async function inspectRaw(docker: Docker, endpoint: EngineEndpoint, kind: 'container' | 'network', id: string): Promise<unknown> {
  try {
    return kind === 'container' ? await docker.getContainer(id).inspect() : await docker.getNetwork(id).inspect();
  } catch (error) {
    if (isNotFound(error)) throw new DockwireError('not-found', `no ${kind} "${id}" on the engine at ${endpoint.url}`);
    throw new DockwireError('engine-unreachable', explainEngineError(error, endpoint.url));
  }
}
