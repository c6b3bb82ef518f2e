/**
 * The backend's share of a live change on the big host: from `docker network connect` (or disconnect) returning
 * to the new Topology published, in a backend of the bench's own (the same code `serve` runs). What the page
 * then does with it is the browser part's (./benchBrowser.ts).
 */
import { createBackend } from '../backend/backend';
import { median, run } from './benchCommon';

/** Connects and disconnects each container in turn to `network`; the medians of both, in ms. */
export async function publishBench(containers: string[], network: string): Promise<{ connectMs: number; disconnectMs: number }> {
  const backend = createBackend({ env: process.env, safetyRelistMs: 3_600_000 });
  try {
    const first = await backend.handlers.getTopology({});
    if (first.helper.mode !== 'container' && first.helper.mode !== 'local')
      throw new Error(`the helper is not running: ${first.helper.reason}`);
    let publishedAt = 0;
    backend.on('topology', () => (publishedAt = performance.now()));
    // The helper's watch on the host starts after the first read, and brings one more whole read: let it pass.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const times: Record<'connect' | 'disconnect', number[]> = { connect: [], disconnect: [] };
    for (const container of containers) {
      for (const verb of ['connect', 'disconnect'] as const) {
        const before = publishedAt;
        await run('docker', ['network', verb, network, container]);
        const returned = performance.now();
        const deadline = returned + 10_000;
        while (publishedAt === before && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1));
        if (publishedAt === before) throw new Error(`no Topology within 10 s of docker network ${verb} ${network} ${container}`);
        times[verb].push(publishedAt - returned);
      }
    }
    return { connectMs: median(times.connect), disconnectMs: median(times.disconnect) };
  } finally {
    await backend.stop();
  }
}
