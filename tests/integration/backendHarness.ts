/** Starts the real backend against the test engine and waits for what a test expects. */
import { createBackend, type Backend } from '../../backend/backend';
import type { Topology } from '../../common/topology';

export function startBackend(): Backend {
  return createBackend({ env: process.env });
}

/**
 * Resolves with the first pushed (or current) Topology that satisfies `predicate`. It listens before it asks for
 * the current one: asked first, a Topology pushed between that answer and the listening would be missed (a
 * window's engines publish their picture, then their status, in one go).
 */
export function waitForTopology(backend: Backend, predicate: (t: Topology) => boolean, timeoutMs = 5000): Promise<Topology> {
  return new Promise((resolve, reject) => {
    const finish = (topology: Topology) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(topology);
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching Topology within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = backend.on('topology', (topology) => {
      if (predicate(topology)) finish(topology);
    });
    backend.handlers.getTopology({}).then(
      (current) => {
        if (predicate(current)) finish(current);
      },
      (error: unknown) => {
        clearTimeout(timer);
        unsubscribe();
        reject(error);
      },
    );
  });
}

export const containerNamed = (topology: Topology, name: string) => topology.containers.find((c) => c.name === name);
export const networkNamed = (topology: Topology, name: string) => topology.networks.find((n) => n.name === name);
