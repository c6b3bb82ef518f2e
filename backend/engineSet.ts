/**
 * The engines a window follows, changed while it runs: the app and `dockwire serve` hold one of these. It
 * stands for the backend of the engines followed now (./manyEngines.ts createBackendFor: one engine's own
 * backend, or several composed) and, when the person adds or removes one, makes the backend of the new set,
 * hands every method and event over to it, and stops the old one. The window sees one stream of Topologies
 * (numbered here, so versions only grow across a change) and one set of methods throughout. The choice is
 * remembered per user (./engineMemory.ts) for the next start that names no engines.
 */
import type { Events, EventName, Handlers } from '../common/contract.js';
import { eventNames, methodNames } from '../common/contract.js';
import type { EngineList, FollowedEngine } from '../common/engineList.js';
import { DockwireError } from '../common/errors.js';
import type { Topology } from '../common/topology.js';
import type { Backend, BackendOptions } from './backend.js';
import { choiceName, engineEndpoint, envFor, type EngineChoice } from './config.js';
import { listDockerContexts } from './engine/contexts.js';
import { enginesFile, readRememberedEngines, rememberEngines } from './engineMemory.js';
import { createBackendFor } from './manyEngines.js';
import { Listeners } from './util/listeners.js';

export interface EngineSetOptions extends BackendOptions {
  /** Where the choice is remembered; null: not remembered (tests, a one-off launch). */
  memoryFile: string | null;
}

/**
 * The engine a start that names none follows (as docker would choose it), named as one of several: its
 * context when a context chose it, else its address.
 */
export function defaultChoice(env: Record<string, string | undefined>): EngineChoice {
  const endpoint = engineEndpoint(env);
  const context = env.DOCKER_HOST ? undefined : /^context "(.+?)" \(/.exec(endpoint.source)?.[1];
  return context ? { by: 'context', name: context } : { by: 'host', url: endpoint.url };
}

export function createEngineSet(start: EngineChoice[], options: EngineSetOptions): Backend {
  const env = options.env ?? process.env;
  // A start that names none follows docker's own choice, unnamed (its picture has no host frame) until a second is added.
  let choices = start;
  let current = createBackendFor(choices, options);
  const listeners = new Map<EventName, Listeners<unknown>>();
  const listenersOf = (event: EventName) => listeners.get(event) ?? listeners.set(event, new Listeners()).get(event)!;
  let version = 0;
  /** The latest Topology of the current backend, as it came and as passed on (renumbered). */
  let latest: { from: Topology; passed: Topology } | null = null;
  const renumbered = (topology: Topology): Topology => {
    if (latest?.from !== topology) latest = { from: topology, passed: { ...topology, version: ++version } };
    return latest.passed;
  };
  const follow = (backend: Backend) =>
    eventNames.map((event) =>
      backend.on(event, (data) => {
        // An old backend's last words, while it stops, are no longer the window's.
        if (backend !== current) return;
        listenersOf(event).emit(event === 'topology' ? renumbered(data as Topology) : data);
      }),
    );
  let following = follow(current);

  /** The engines followed, named: docker's own choice, when none was named, as one of them. */
  const named = () => (choices.length ? choices : [defaultChoice(env)]);
  const followed = (): FollowedEngine[] =>
    named().map((choice) => ({
      name: choiceName(choice),
      by: choice.by,
      endpoint: engineEndpoint(envFor(choice, env)).url,
    }));
  const list = (): EngineList => {
    const { contexts, problem } = listDockerContexts(env);
    return { followed: followed(), contexts, canChange: true, rememberedIn: options.memoryFile, problem };
  };

  // One change at a time: a second waits for the first to be done.
  let changing: Promise<unknown> = Promise.resolve();
  const change = (next: () => EngineChoice[]): Promise<EngineList> => {
    const run = changing.then(async () => {
      const wanted = next();
      // A context that does not exist is refused here, before anything changes (createBackendFor throws).
      const backend = createBackendFor(wanted, options);
      const [old, oldFollowing] = [current, following];
      current = backend;
      choices = wanted;
      latest = null;
      following = follow(backend);
      oldFollowing.forEach((stop) => stop());
      if (options.memoryFile) rememberEngines(options.memoryFile, wanted);
      await old.stop().catch(() => {});
      return list();
    });
    changing = run.catch(() => {});
    return run;
  };

  const engineMethods: Pick<Handlers, 'listEngines' | 'addEngine' | 'removeEngine'> = {
    listEngines: async () => list(),
    addEngine: ({ context, host }) =>
      change(() => {
        const choice: EngineChoice = context !== undefined ? { by: 'context', name: context } : { by: 'host', url: host! };
        const now = named();
        if (now.some((c) => choiceName(c) === choiceName(choice))) {
          throw new DockwireError('invalid', `${choiceName(choice)} is followed already`);
        }
        engineEndpoint(envFor(choice, env)); // a context that does not exist, or an address that is none: said now
        return [...now, choice];
      }),
    removeEngine: ({ name }) =>
      change(() => {
        const now = named();
        if (!now.some((c) => choiceName(c) === name)) throw new DockwireError('not-found', `${name} is not followed`);
        if (now.length === 1) throw new DockwireError('invalid', `${name} is the only engine followed: add another before removing it`);
        return now.filter((c) => choiceName(c) !== name);
      }),
  };
  const handlers = Object.fromEntries(
    methodNames.map((method) => [method, (params: never) => (current.handlers[method] as (p: never) => Promise<unknown>)(params)]),
  ) as Handlers;
  Object.assign(handlers, engineMethods, {
    getTopology: async () => renumbered(await current.handlers.getTopology({})),
  } satisfies Partial<Handlers>);

  return {
    handlers,
    refreshAll: () => current.refreshAll(),
    settle: () => current.settle(),
    get engineUrl() {
      return current.engineUrl;
    },
    on<E extends EventName>(event: E, listener: (data: Events[E]) => void) {
      return listenersOf(event).add(listener as (data: unknown) => void);
    },
    stop: async () => {
      await changing;
      following.forEach((stop) => stop());
      await current.stop();
    },
  };
}

/**
 * The backend of a window (the app, `dockwire serve`): the engines named on its command line, else those the
 * user chose last time (said on `say`), else docker's own choice; changed in the window and remembered.
 */
export function createWindowBackend(named: EngineChoice[], say: (line: string) => void, options: BackendOptions = {}): Backend {
  const memoryFile = enginesFile(options.env ?? process.env);
  const remembered = named.length ? null : readRememberedEngines(memoryFile, say);
  if (remembered)
    say(
      `Following the engines remembered in ${memoryFile}: ${remembered.map(choiceName).join(', ')} (name others with --context or --host).`,
    );
  return createEngineSet(named.length ? named : (remembered ?? []), { ...options, memoryFile });
}
