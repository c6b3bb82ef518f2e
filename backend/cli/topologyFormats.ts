/** The ways `dockwire topology` prints a Topology (--format), shared by the cold and the warm path. */
import { toDot, toMermaid } from '../../common/diagram.js';
import type { Topology } from '../../common/topology.js';
import { formatTree } from './formatTree.js';

export const TOPOLOGY_FORMATS: Record<string, (topology: Topology) => string> = {
  tree: formatTree,
  json: (topology) => JSON.stringify(topology, null, 2),
  mermaid: toMermaid,
  dot: toDot,
};
