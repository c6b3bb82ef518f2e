import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { composeHostTopology } from '../tests/fixtures/composeHost.js';
import { toDot, toMermaid } from './diagram.js';

describe('diagrams of a compose host', () => {
  const topology = composeHostTopology();

  it('Mermaid: a flowchart naming every used network and container, a subgraph per project, edges labelled with addresses', () => {
    const text = toMermaid(topology);
    expect(text.split('\n')[0]).toBe('flowchart LR');
    for (const n of topology.networks.filter((n) => n.driver !== 'host' && n.driver !== 'null')) expect(text).toContain(`"${n.name}<br/>`);
    for (const c of topology.containers) expect(text).toContain(`"${c.name}<br/>`);
    for (const project of ['shop', 'blog', 'monitor', 'auth', 'chat', 'proxy'])
      expect(text).toMatch(new RegExp(`subgraph p\\d+\\["compose project ${project}"\\]`));
    expect(text.match(/^\s+subgraph /gm)).toHaveLength(6);
    expect(text.match(/^\s+end$/gm)).toHaveLength(6);
    // The proxy's six endpoints, each labelled with its interface and address.
    const traefik = topology.containers.findIndex((c) => c.name === 'proxy-traefik-1');
    expect(text.match(new RegExp(`^  c${traefik} ---\\|"[^"]*10\\.220\\.\\d+\\.\\d+/16"\\| n\\d+$`, 'gm'))).toHaveLength(6);
  });

  it('Mermaid and DOT keep quotes and brackets in names from breaking the syntax', () => {
    const odd = structuredClone(topology);
    odd.containers[0]!.image = 'repo/img:"quoted"<tag>';
    expect(toMermaid(odd)).toContain('repo/img:#quot;quoted#quot;#lt;tag#gt;');
    expect(toDot(odd)).toContain('repo/img:\\"quoted\\"<tag>');
  });

  it('DOT: Graphviz reads it, with a cluster per project and every container drawn', () => {
    const svg = execFileSync('dot', ['-Tsvg'], { input: toDot(topology), encoding: 'utf8' });
    for (const c of topology.containers) expect(svg).toContain(`>${c.name.replace(/-/g, '&#45;')}</text>`);
    expect(svg.match(/<g id="clust\d+" class="cluster">/g)).toHaveLength(6);
  });
});
