/**
 * Several engines followed at once (`dockwire serve --context A --context B`): one backend per engine,
 * each live on its own event stream and kernel helper, composed into one Backend. Its Topology is theirs
 * joined (../common/combineHosts.ts): every object names its engine (`host`), and `hosts` says how each
 * engine is. One engine that goes away or hangs changes only its own host's state; the others stay live.
 *
 * Every call goes to the engine its object is on: a container or network by id (Docker's ids are unique
 * across engines) or by a name only one engine has; what has no object (create a network, run a
 * container, images, the firewall, a test from the host) names its engine with `engine`.
 */
import { combineHosts } from '../common/combineHosts.js';
import type { Events, Handlers } from '../common/contract.js';
import { DockwireError } from '../common/errors.js';
import type { EngineStatus, HostState, Topology } from '../common/topology.js';
import { createBackend, type Backend, type BackendOptions } from './backend.js';
import { choiceName, envFor, type EngineChoice } from './config.js';
import { whyNotAcrossEngines } from '../common/rules.js';
import { Listeners } from './util/listeners.js';
import { fixedEngines } from './fixedEngines.js';
import { withAcrossNodes, type EngineView } from './probes/acrossNodes.js';

interface Host {
  name: string;
  backend: Backend;
  status: EngineStatus;
  topology: Topology | null;
}

export function createManyEnginesBackend(choices: EngineChoice[], options: BackendOptions = {}): Backend {
  const env = options.env ?? process.env;
  const names = choices.map(choiceName);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new DockwireError('bad-request', `the engine "${twice}" is named twice`);
  // A context that does not exist ends the start here, with its reason: a mistake on the command line.
  const hosts: Host[] = choices.map((choice) => {
    const backend = createBackend({ ...options, env: envFor(choice, env) });
    const status: EngineStatus = { state: 'connecting', endpoint: backend.engineUrl, source: '', error: null, retryAt: null };
    return { name: choiceName(choice), backend, status, topology: null };
  });
  const topologyListeners = new Listeners<Topology>();
  const statusListeners = new Listeners<EngineStatus>();
  let version = 0;
  let combined: Topology | null = null;
  let lastStatus: EngineStatus | null = null;

  const hostState = (host: Host): HostState => ({
    name: host.name,
    endpoint: host.status.endpoint,
    state: host.status.state,
    error: host.status.error,
    engine: host.topology?.engine ?? null,
    helper: host.topology?.helper ?? null,
  });
  // The whole picture's status: live while any engine is; a lost engine is said on its own host frame.
  const overallStatus = (): EngineStatus => {
    const live = hosts.find((host) => host.status.state === 'live');
    if (!live) return hosts[0]!.status;
    return { state: 'live', endpoint: live.status.endpoint, source: `${hosts.length} engines`, error: null, retryAt: null };
  };
  // Settled: every engine has either answered or failed once; the first picture waits for no more than that.
  const settledListeners = new Listeners<void>();
  const allSettled = () => hosts.every((host) => host.topology || (host.status.state !== 'connecting' && host.status.error));
  const publish = () => {
    if (hosts.some((host) => host.topology)) {
      combined = combineHosts(
        hosts.map((host) => ({ state: hostState(host), topology: host.topology })),
        ++version,
      );
      topologyListeners.emit(combined);
    }
    if (allSettled()) settledListeners.emit();
    const status = overallStatus();
    if (JSON.stringify(status) !== JSON.stringify(lastStatus)) {
      lastStatus = status;
      statusListeners.emit(status);
    }
  };
  for (const host of hosts) {
    host.backend.on('topology', (topology) => {
      host.topology = topology;
      publish();
    });
    host.backend.on('status', (status) => {
      host.status = status;
      publish();
    });
  }

  const byName = (name: string | undefined): Host => {
    if (name === undefined) return hosts[0]!;
    const host = hosts.find((h) => h.name === name);
    if (!host) throw new DockwireError('not-found', `no engine "${name}" is followed (${names.join(', ')})`);
    return host;
  };
  /** A container or network by id, id prefix or name, and the engine it is on; a name on several engines is refused. */
  const find = (kind: 'container' | 'network', ref: string): { host: Host; name: string; scope?: string } => {
    const lists = hosts.map((host) => (kind === 'container' ? host.topology?.containers : host.topology?.networks) ?? []);
    const matching = (test: (object: { id: string; name: string }) => boolean) =>
      hosts.flatMap((host, index) =>
        lists[index]!.filter(test).map((object) => ({ host, name: object.name, scope: 'scope' in object ? object.scope : undefined })),
      );
    for (const found of [matching((o) => o.id === ref), matching((o) => o.name === ref), matching((o) => o.id.startsWith(ref))]) {
      if (found.length === 1) return found[0]!;
      if (found.length > 1) {
        throw new DockwireError(
          'invalid',
          `"${ref}" is a ${kind} on ${found.map((f) => f.host.name).join(' and ')}: name it by its id, or act on it in its host's frame`,
        );
      }
    }
    throw new DockwireError('not-found', `no ${kind} "${ref}" on any engine followed (${names.join(', ')})`);
  };
  const holding = (kind: 'container' | 'network', ref: string): Host => find(kind, ref).host;
  /**
   * The engine that connects a container to a network: the container's, where its engine has that network (or the
   * network is a swarm's, which any member engine can join: a worker lists an overlay only once it uses it).
   */
  const joining = (containerRef: string, networkRef: string): Host => {
    const container = find('container', containerRef);
    const own = container.host.topology?.networks.some((n) => n.id === networkRef || n.name === networkRef || n.id.startsWith(networkRef));
    if (own) return container.host;
    const network = find('network', networkRef);
    const why = whyNotAcrossEngines(
      { name: container.name, host: container.host.name },
      { name: network.name, host: network.host.name, scope: network.scope ?? 'local' },
    );
    if (why) throw new DockwireError('invalid', why);
    return container.host;
  };
  const onContainer = (ref: string) => holding('container', ref).backend.handlers;
  const views = new Map<Host, EngineView>();
  const engineView = (host: Host): EngineView => {
    let view = views.get(host);
    if (!view) {
      view = {
        name: host.name,
        handlers: host.backend.handlers,
        topology: () => host.topology,
        refresh: async () => {
          await host.backend.refreshAll();
          return host.topology;
        },
      };
      views.set(host, view);
    }
    return view;
  };
  const onNetwork = (ref: string) => holding('network', ref).backend.handlers;
  const onEngine = (name: string | undefined) => byName(name).backend.handlers;

  // All-pairs runs are numbered by each engine from 1: numbers are told apart by the engine's place.
  const runIdOf = (hostIndex: number, runId: number) => runId * hosts.length + hostIndex;
  const hostOfRun = (runId: number) => hosts[runId % hosts.length]!;

  const handlers: Handlers = {
    async getTopology() {
      if (!allSettled()) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, options.firstTopologyTimeoutMs ?? 10_000);
          const stop = settledListeners.add(done);
          function done() {
            clearTimeout(timer);
            stop();
            resolve();
          }
        });
      }
      if (!combined)
        throw new DockwireError('engine-unreachable', hosts.map((h) => `${h.name}: ${h.status.error ?? h.status.state}`).join('; '));
      return combined;
    },
    getStatus: async () => overallStatus(),
    inspect: async (params) => (params.kind === 'container' ? onContainer(params.id) : onNetwork(params.id)).inspect(params),
    listImages: async (params) => onEngine(params.engine).listImages({}),
    pullImage: async ({ engine, ...params }) => onEngine(engine).pullImage(params),
    cancelPull: async (params) => {
      await Promise.all(hosts.map((host) => host.backend.handlers.cancelPull(params)));
      return {};
    },
    createNetwork: async ({ engine, ...spec }) => onEngine(engine).createNetwork(spec),
    removeNetwork: async (spec) => onNetwork(spec.network).removeNetwork(spec),
    connect: async (spec) => joining(spec.container, spec.network).backend.handlers.connect(spec),
    disconnect: async (spec) => onContainer(spec.container).disconnect(spec),
    runContainer: async ({ engine, ...spec }) => onEngine(engine).runContainer(spec),
    containerAction: async (params) => onContainer(params.container).containerAction(params),
    test: async (spec) => {
      const from = holding('container', spec.from);
      const report = await from.backend.handlers.test(spec);
      // Across two swarm nodes, what their VXLAN counters say about a failure.
      return withAcrossNodes(report, spec, engineView(from), hosts.map(engineView), (engine) => {
        const hostname = hosts.find((h) => h.name === engine.name)?.topology?.engine.hostname;
        return combined?.swarmNodes.find((node) => node.hostname === hostname)?.address || null;
      });
    },
    cancelTest: async (params) => {
      await Promise.all(hosts.map((host) => host.backend.handlers.cancelTest(params)));
      return {};
    },
    testFromHost: async ({ engine, ...spec }) => onEngine(engine).testFromHost(spec),
    trace: async ({ engine, ...spec }) => (spec.from === 'host' ? onEngine(engine) : onContainer(spec.from)).trace(spec),
    getFirewall: async (params) => onEngine(params.engine).getFirewall({}),
    startAllPairs: async (params) => {
      const host = holding('network', params.network);
      const started = await host.backend.handlers.startAllPairs(params);
      return { ...started, runId: runIdOf(hosts.indexOf(host), started.runId) };
    },
    cancelAllPairs: async ({ runId }) => hostOfRun(runId).backend.handlers.cancelAllPairs({ runId: Math.floor(runId / hosts.length) }),
    wire: async (spec) => joining(spec.container, spec.network).backend.handlers.wire(spec),
    unwire: async (spec) => onContainer(spec.container).unwire(spec),
    counters: async ({ containers }) => {
      // Each engine samples its own containers; one sample is their union.
      const perHost = new Map<Host, string[]>();
      for (const container of containers) {
        const host = holding('container', container);
        perHost.set(host, [...(perHost.get(host) ?? []), container]);
      }
      const samples = await Promise.all([...perHost].map(([host, ids]) => host.backend.handlers.counters({ containers: ids })));
      return {
        at: Math.max(0, ...samples.map((sample) => sample.at)),
        endpoints: samples.flatMap((sample) => sample.endpoints),
        links: samples.flatMap((sample) => sample.links),
      };
    },
    startCapture: async (spec) => onContainer(spec.container).startCapture(spec),
    stopCapture: async (params) => {
      await Promise.all(hosts.map((host) => host.backend.handlers.stopCapture(params)));
      return {};
    },
    ...fixedEngines(
      () => hosts.map((host, index) => ({ name: host.name, by: choices[index]!.by, endpoint: host.status.endpoint })),
      'These engines were named at the start: engines are added in the window (dockwire serve, or the app).',
    ),
  };

  // Events of every engine, as one stream; all-pairs run numbers made unique as above.
  const forward = <E extends keyof Events>(event: E, listener: (data: Events[E]) => void) => {
    const stops = hosts.map((host, index) =>
      host.backend.on(event, (data) => {
        if (event === 'allPairs') {
          const progress = data as Events['allPairs'];
          return listener({ ...progress, runId: runIdOf(index, progress.runId) } as Events[E]);
        }
        listener(data);
      }),
    );
    return () => stops.forEach((stop) => stop());
  };

  return {
    handlers,
    on(event, listener) {
      if (event === 'topology') return topologyListeners.add(listener as (data: Topology) => void);
      if (event === 'status') return statusListeners.add(listener as (data: EngineStatus) => void);
      return forward(event, listener);
    },
    refreshAll: async () => {
      await Promise.all(hosts.map((host) => host.backend.refreshAll()));
    },
    settle: async () => {
      await Promise.all(hosts.map((host) => host.backend.settle()));
    },
    engineUrl: hosts.map((host) => host.backend.engineUrl).join(' '),
    stop: async () => {
      await Promise.all(hosts.map((host) => host.backend.stop()));
    },
  };
}

/** The backend for the engines named on a command line: the usual one (none named, or one), or several composed. */
export function createBackendFor(engines: EngineChoice[], options: BackendOptions = {}): Backend {
  if (engines.length > 1) return createManyEnginesBackend(engines, options);
  if (engines.length === 1) return createBackend({ ...options, env: envFor(engines[0]!, options.env ?? process.env) });
  return createBackend(options);
}
