/**
 * Builds the Topology from the facts (pure) and publishes it when, and only
 * when, something a client sees changed; each published one is numbered higher.
 */
import { buildTopology } from '../../common/buildTopology.js';
import type { DockerFacts } from '../../common/dockerFacts.js';
import type { Topology } from '../../common/topology.js';
import { itemTexts } from '../../common/topologyPatch.js';
import { Listeners } from '../util/listeners.js';

export class TopologyPublisher {
  readonly published = new Listeners<Topology>();
  private topology: Topology | null = null;
  private version = 0;
  private publishedKey = '';

  current(): Topology | null {
    return this.topology;
  }

  publish(facts: DockerFacts): void {
    const candidate = buildTopology(facts, this.version + 1, new Date().toISOString());
    // Each item's text is kept with the Topology (itemTexts): the sessions' patches compare the same texts.
    const texts = itemTexts(candidate);
    const key = [
      JSON.stringify([candidate.engine, candidate.helper, candidate.swarmNodes]),
      ...Object.values(texts).map((list) => [...list.values()].join('\n')),
    ].join('\n\n');
    if (key === this.publishedKey) return;
    this.publishedKey = key;
    this.version = candidate.version;
    this.topology = candidate;
    this.published.emit(candidate);
  }
}
