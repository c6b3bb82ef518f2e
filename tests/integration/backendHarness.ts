/** Starts the real backend against the test engine and waits for what a test expects. */
import { createBackend, type Backend } from '../../backend/backend';
import type { Topology } from '../../common/topology';

export function startBackend(): Backend {
  return createBackend({ env: process.env });
}

/** Resolves with the first pushed (or current) Topology that satisfies `predicate`. */
export async function waitForTopology(backend: Backend, predicate: (t: Topology) => boolean, timeoutMs = 5000): Promise<Topology> {
  const current = await backend.handlers.getTopology({});
  if (predicate(current)) return current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching Topology within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = backend.on('topology', (topology) => {
      if (!predicate(topology)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(topology);
    });
  });
}

export const containerNamed = (topology: Topology, name: string) => topology.containers.find((c) => c.name === name);
export const networkNamed = (topology: Topology, name: string) => topology.networks.find((n) => n.name === name);
