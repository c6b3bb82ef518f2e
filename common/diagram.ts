/**
 * The Topology as a diagram to paste elsewhere: Mermaid (READMEs, wikis,
 * GitHub renders it) and Graphviz DOT. Both are printed from one neutral
 * model (networks and containers as nodes, a cluster per compose project,
 * an edge per endpoint labelled with its address), so they always agree.
 */
import { formatPort } from './format.js';
import type { ContainerInfo, Topology } from './topology.js';

const COMPOSE_PROJECT = 'com.docker.compose.project';

interface DiagramNode {
  id: string;
  kind: 'network' | 'container';
  /** Lines of the label: the name first. */
  lines: string[];
}

interface DiagramEdge {
  from: string;
  to: string;
  label: string;
  style: 'endpoint' | 'hand' | 'shares';
}

interface Diagram {
  /** Nodes outside any project. */
  nodes: DiagramNode[];
  clusters: Array<{ id: string; title: string; nodes: DiagramNode[] }>;
  edges: DiagramEdge[];
}

function containerLines(c: ContainerInfo): string[] {
  const mode = c.networkModeKind === 'host' || c.networkModeKind === 'none' ? [`--network ${c.networkMode}`] : [];
  const ports = c.ports.length ? [`publishes ${c.ports.map((p) => formatPort(p)).join(', ')}`] : [];
  return [c.name, `${c.image} · ${c.state}`, ...mode, ...ports];
}

function modelOf(topology: Topology): Diagram {
  const diagram: Diagram = { nodes: [], clusters: [], edges: [] };
  const clusters = new Map<string, Diagram['clusters'][number]>();
  const place = (node: DiagramNode, labels: Record<string, string>) => {
    const project = labels[COMPOSE_PROJECT];
    if (!project) return void diagram.nodes.push(node);
    if (!clusters.has(project)) {
      const cluster = { id: `p${clusters.size}`, title: `compose project ${project}`, nodes: [] };
      clusters.set(project, cluster);
      diagram.clusters.push(cluster);
    }
    clusters.get(project)!.nodes.push(node);
  };
  const networkIds = new Map<string, string>();
  const used = new Set(topology.containers.flatMap((c) => c.endpoints.map((e) => e.networkId)));
  topology.networks.forEach((n, index) => {
    // Docker's host and none networks say nothing a container's own label does not.
    if (n.driver === 'host' || n.driver === 'null') return;
    if (n.predefined && !used.has(n.id)) return;
    const id = `n${index}`;
    networkIds.set(n.id, id);
    const subnets = n.subnets.map((s) => s.subnet).join(', ');
    const facts = [n.driver, subnets, n.internal ? 'internal' : '', n.dns ? 'DNS names' : ''].filter(Boolean).join(' · ');
    place({ id, kind: 'network', lines: [n.name, facts, ...(n.bridge ? [`bridge ${n.bridge.name}`] : [])] }, n.labels);
  });
  const containerIds = new Map(topology.containers.map((c, index) => [c.id, `c${index}`]));
  for (const c of topology.containers) {
    const id = containerIds.get(c.id)!;
    place({ id, kind: 'container', lines: containerLines(c) }, c.labels);
    for (const e of c.endpoints) {
      const network = networkIds.get(e.networkId);
      if (network)
        diagram.edges.push({ from: id, to: network, label: [e.ifname, e.ipv4 ?? e.ipv6].filter(Boolean).join(' '), style: 'endpoint' });
    }
    const owner = c.netnsOwner ? containerIds.get(c.netnsOwner) : undefined;
    if (c.networkModeKind === 'container' && owner)
      diagram.edges.push({ from: id, to: owner, label: 'shares network namespace', style: 'shares' });
  }
  for (const link of topology.unmanagedLinks) {
    const container = link.peer?.containerId ? containerIds.get(link.peer.containerId) : undefined;
    const network = link.networkId ? networkIds.get(link.networkId) : undefined;
    if (!container || !network || !link.peer) continue;
    diagram.edges.push({
      from: container,
      to: network,
      label: [link.peer.ifname, ...link.peer.addresses, 'by hand'].join(' '),
      style: 'hand',
    });
  }
  return diagram;
}

/** Mermaid's quoted labels: quotes and angle brackets as entities, lines joined with <br/>. */
const mermaidText = (lines: string[]) =>
  lines.map((line) => line.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')).join('<br/>');

export function toMermaid(topology: Topology): string {
  const { nodes, clusters, edges } = modelOf(topology);
  const node = (n: DiagramNode, indent: string) =>
    n.kind === 'network' ? `${indent}${n.id}[["${mermaidText(n.lines)}"]]` : `${indent}${n.id}("${mermaidText(n.lines)}")`;
  const arrow = { endpoint: '---', hand: '-.-', shares: '-.->' } as const;
  return [
    'flowchart LR',
    `  %% Dockwire: ${topology.engine.hostname} at ${topology.engine.endpoint}, ${topology.generatedAt}`,
    ...clusters.flatMap((cluster) => [
      `  subgraph ${cluster.id}["${mermaidText([cluster.title])}"]`,
      ...cluster.nodes.map((n) => node(n, '    ')),
      '  end',
    ]),
    ...nodes.map((n) => node(n, '  ')),
    ...edges.map((e) => `  ${e.from} ${arrow[e.style]}${e.label ? `|"${mermaidText([e.label])}"|` : ''} ${e.to}`),
    '  classDef network fill:#dbeafe,stroke:#2563eb',
    '  classDef container fill:#f8fafc,stroke:#475569',
    ...(['network', 'container'] as const).flatMap((kind) => {
      const ids = [...nodes, ...clusters.flatMap((c) => c.nodes)].filter((n) => n.kind === kind).map((n) => n.id);
      return ids.length ? [`  class ${ids.join(',')} ${kind}`] : [];
    }),
  ].join('\n');
}

/** DOT's quoted strings: backslashes and quotes escaped, lines joined with \n. */
const dotText = (lines: string[]) => `"${lines.map((line) => line.replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;

export function toDot(topology: Topology): string {
  const { nodes, clusters, edges } = modelOf(topology);
  const node = (n: DiagramNode, indent: string) =>
    n.kind === 'network'
      ? `${indent}${n.id} [label=${dotText(n.lines)}, shape=box, style="rounded,filled", fillcolor="#dbeafe", color="#2563eb"];`
      : `${indent}${n.id} [label=${dotText(n.lines)}, shape=box, style=filled, fillcolor="#f8fafc", color="#475569"];`;
  const style = { endpoint: '', hand: ', style=dashed', shares: ', style=dotted, dir=forward' } as const;
  return [
    'graph dockwire {',
    `  label=${dotText([`Dockwire: ${topology.engine.hostname} at ${topology.engine.endpoint}, ${topology.generatedAt}`])};`,
    '  rankdir=LR; fontname="Helvetica";',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...clusters.flatMap((cluster) => [
      `  subgraph cluster_${cluster.id} {`,
      `    label=${dotText([cluster.title])};`,
      '    style=rounded; color="#94a3b8";',
      ...cluster.nodes.map((n) => node(n, '    ')),
      '  }',
    ]),
    ...nodes.map((n) => node(n, '  ')),
    ...edges.map((e) => `  ${e.from} -- ${e.to} [label=${dotText([e.label])}${style[e.style]}];`),
    '}',
  ].join('\n');
}
