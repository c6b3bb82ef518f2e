/**
 * A backend with no engine: it serves one saved Topology, read-only
 * (`dockwire serve --snapshot FILE`). Every method that would change or test
 * something answers `read-only`, saying why and what to do instead; nothing
 * here ever reaches for Docker or the helper.
 */
import type { Backend } from './backend.js';
import type { Handlers } from '../common/contract.js';
import { DockwireError } from '../common/errors.js';
import type { EngineStatus, Topology } from '../common/topology.js';
import { fixedEngines } from './fixedEngines.js';

export function snapshotBackend(topology: Topology, file: string): Backend {
  const status: EngineStatus = {
    state: 'snapshot',
    endpoint: topology.engine.endpoint,
    source: file,
    error: null,
    retryAt: null,
  };
  const refuse = async (): Promise<never> => {
    throw new DockwireError(
      'read-only',
      `This is a snapshot (${file}, taken ${topology.generatedAt} on ${topology.engine.hostname}), not a live engine: nothing can be changed or tested. Run "dockwire serve" without --snapshot to work on an engine.`,
    );
  };
  const handlers: Handlers = {
    getTopology: async () => topology,
    getStatus: async () => status,
    inspect: async () => {
      throw new DockwireError('not-found', `A snapshot holds Dockwire's Topology only, not Docker's inspect JSON (${file}).`);
    },
    listImages: refuse,
    pullImage: refuse,
    cancelPull: refuse,
    createNetwork: refuse,
    removeNetwork: refuse,
    connect: refuse,
    disconnect: refuse,
    runContainer: refuse,
    containerAction: refuse,
    test: refuse,
    testFromHost: refuse,
    cancelTest: refuse,
    trace: refuse,
    getFirewall: refuse,
    startAllPairs: refuse,
    cancelAllPairs: refuse,
    wire: refuse,
    unwire: refuse,
    counters: refuse,
    startCapture: refuse,
    stopCapture: async () => ({}),
    ...fixedEngines(() => [], `This is a snapshot (${file}): it follows no engine.`),
  };
  return {
    handlers,
    // A snapshot never changes: no event ever comes.
    on: () => () => {},
    refreshAll: async () => {},
    settle: async () => {},
    engineUrl: topology.engine.endpoint,
    stop: async () => {},
  };
}
