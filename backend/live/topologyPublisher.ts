/**
 * Builds the Topology from the facts (pure) and publishes it when, and only
 * when, something a client sees changed; each published one is numbered higher.
 */
import { buildTopology } from '../../common/buildTopology.js';
import type { DockerFacts } from '../../common/dockerFacts.js';
import type { Topology } from '../../common/topology.js';
import { sameItems } from '../../common/topologyPatch.js';
import { Listeners } from '../util/listeners.js';

export class TopologyPublisher {
  readonly published = new Listeners<Topology>();
  private topology: Topology | null = null;
  private version = 0;
  /** The published Topology's fields other than its lists, as JSON (what a client sees of them). */
  private publishedTop = '';

  current(): Topology | null {
    return this.topology;
  }

  publish(facts: DockerFacts): void {
    const candidate = buildTopology(facts, this.version + 1, new Date().toISOString());
    // Each item's text is kept with the Topology (itemTexts): the sessions' patches compare the same texts.
    const top = JSON.stringify([candidate.engine, candidate.helper, candidate.swarmNodes]);
    if (this.topology && top === this.publishedTop && sameItems(this.topology, candidate)) return;
    this.publishedTop = top;
    this.version = candidate.version;
    this.topology = candidate;
    this.published.emit(candidate);
  }
}
