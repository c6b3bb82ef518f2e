/** Starts the real backend against the test engine and waits for what a test expects. */
import { createBackend, type Backend } from '../../backend/backend';
import type { Topology } from '../../common/topology';

export function startBackend(): Backend {
  return createBackend({ env: process.env });
}

/**
 * Resolves with the current Topology, or the first pushed after it, that satisfies `predicate`. It listens
 * before it asks for the current one, and keeps the latest push that came before the answer: a push newer than
 * the answer (a window of several engines publishes an engine's picture and then its status in one turn) is
 * not missed, and an older one (a window's pictures before every engine was read) is not taken for current.
 */
export function waitForTopology(backend: Backend, predicate: (t: Topology) => boolean, timeoutMs = 5000): Promise<Topology> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let pushedBefore: Topology | null = null;
    const stop = () => {
      clearTimeout(timer);
      unsubscribe();
    };
    const consider = (topology: Topology) => {
      if (!predicate(topology)) return;
      stop();
      resolve(topology);
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching Topology within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = backend.on('topology', (topology) => {
      if (answered) consider(topology);
      else pushedBefore = topology;
    });
    backend.handlers.getTopology({}).then(
      (current) => {
        answered = true;
        consider(pushedBefore && pushedBefore.version > current.version ? pushedBefore : current);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

export const containerNamed = (topology: Topology, name: string) => topology.containers.find((c) => c.name === name);
export const networkNamed = (topology: Topology, name: string) => topology.networks.find((n) => n.name === name);
