/** The live graph. Nodes come from the store; drags write positions back to it. */
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Edge,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useDockwire } from '../store/store';
import { buildGraph, type GraphNode, type WireEdge as WireEdgeType } from './buildGraph';
import { WireEdge } from './edges/WireEdge';
import { useLayout } from './layout/useLayout';
import { ContainerNode } from './nodes/ContainerNode/ContainerNode';
import { NetworkNode } from './nodes/NetworkNode/NetworkNode';

const nodeTypes: NodeTypes = { network: NetworkNode, container: ContainerNode };
const edgeTypes: EdgeTypes = { wire: WireEdge };

export function Graph() {
  useLayout();
  const { topology, positions, query, selection } = useDockwire(
    useShallow((state) => ({ topology: state.topology, positions: state.positions, query: state.query, selection: state.selection })),
  );
  const derived = useMemo(
    () => (topology ? buildGraph(topology, positions, query, selection) : { nodes: [], edges: [] }),
    [topology, positions, query, selection],
  );
  // React Flow measures nodes into `measured`; keep that across rebuilds so nodes don't blink.
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  useEffect(() => {
    setNodes((previous) => {
      const measured = new Map(previous.map((node) => [node.id, node.measured]));
      return derived.nodes.map((node) => ({ ...node, measured: measured.get(node.id) ?? node.measured }));
    });
  }, [derived.nodes]);

  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    setNodes((current) => applyNodeChanges(changes, current));
    for (const change of changes) {
      if (change.type === 'position' && change.position && !change.dragging) useDockwire.getState().moveNode(change.id, change.position);
    }
  }, []);

  const onNodeClick = useCallback((_: unknown, node: GraphNode) => {
    const [kind, id = ''] = [node.type, node.id.slice(4)];
    useDockwire.getState().select(kind === 'network' ? { kind: 'network', id } : { kind: 'container', id });
  }, []);
  const onEdgeClick = useCallback((_: unknown, edge: Edge) => {
    const data = (edge as WireEdgeType).data;
    if (edge.type === 'wire' && data) useDockwire.getState().select(data.selection);
  }, []);
  const onPaneClick = useCallback(() => useDockwire.getState().select(null), []);

  return (
    <ReactFlow
      nodes={nodes}
      edges={derived.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeClick={onNodeClick}
      onEdgeClick={onEdgeClick}
      onPaneClick={onPaneClick}
      nodesConnectable={false}
      minZoom={0.05}
      maxZoom={2}
      fitView
      fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
      proOptions={{ hideAttribution: true }}
      colorMode="dark"
    >
      <FitOnFirstLayout count={nodes.length} />
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 160, height: 110 }} />
    </ReactFlow>
  );
}

/**
 * Fits the view once, when the first nodes have been measured (fitting before
 * that frames only the measured few); after that the user owns the viewport.
 */
function FitOnFirstLayout({ count }: { count: number }) {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done || count === 0 || !initialized) return;
    setDone(true);
    void fitView({ padding: 0.1, maxZoom: 1 });
  }, [count, done, initialized, fitView]);
  return null;
}
