/** The live graph: nodes and edges from the store, drawn by React Flow. Gestures go to ../actions. */
import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Edge,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pickTarget } from '../connectivity/pickTarget';
import { testPath } from '../connectivity/testPath';
import type { MenuTarget } from '../store/slices';
import { useDockwire } from '../store/store';
import { buildGraph, type GraphNode, type WireEdge as WireEdgeType } from './buildGraph';
import { WireEdge } from './edges/WireEdge';
import { FitOnFirstLayout } from './FitOnFirstLayout';
import { FitOnRequest } from './FitOnRequest';
import { useLayout } from './layout/useLayout';
import { ContainerNode } from './nodes/ContainerNode/ContainerNode';
import { NetworkNode } from './nodes/NetworkNode/NetworkNode';
import { useDropToConnect } from './useDropToConnect';

const nodeTypes: NodeTypes = { network: NetworkNode, container: ContainerNode };
const edgeTypes: EdgeTypes = { wire: WireEdge };

const openMenu = (event: MouseEvent, target: MenuTarget) => {
  event.preventDefault();
  useDockwire.getState().openMenu(event.clientX, event.clientY, target);
};

export function Graph() {
  useLayout();
  const { topology, positions, query, selection, report } = useDockwire(
    useShallow((state) => ({
      topology: state.topology,
      positions: state.positions,
      query: state.query,
      selection: state.selection,
      report: state.testRun?.report ?? null,
    })),
  );
  const derived = useMemo(
    () =>
      topology ? buildGraph(topology, positions, query, selection, report ? testPath(topology, report) : null) : { nodes: [], edges: [] },
    [topology, positions, query, selection, report],
  );
  // React Flow measures nodes into `measured`; keep that across rebuilds so nodes don't blink.
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  useEffect(() => {
    // React Flow owns what it measured and where a drag is; the store owns the rest: merging the two is syncing an external system.
    // eslint-disable-next-line react-hooks/set-state-in-effect
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
    if (node.type === 'container' && pickTarget(node.data.container.name)) return;
    useDockwire
      .getState()
      .select(node.type === 'network' ? { kind: 'network', id: node.data.network.id } : { kind: 'container', id: node.data.container.id });
  }, []);
  const onEdgeClick = useCallback((_: unknown, edge: Edge) => {
    const data = (edge as WireEdgeType).data;
    if (edge.type === 'wire' && data) useDockwire.getState().select(data.selection);
  }, []);
  const onPaneClick = useCallback(() => useDockwire.getState().select(null), []);
  const onNodeContextMenu = useCallback((event: MouseEvent, node: GraphNode) => {
    openMenu(
      event,
      node.type === 'network' ? { kind: 'network', id: node.data.network.id } : { kind: 'container', id: node.data.container.id },
    );
  }, []);
  const onEdgeContextMenu = useCallback((event: MouseEvent, edge: Edge) => {
    const selection = (edge as WireEdgeType).data?.selection;
    if (selection?.kind === 'endpoint' || selection?.kind === 'link') openMenu(event, selection);
  }, []);
  const { onNodeDragStart, onNodeDragStop } = useDropToConnect();

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
      onNodeDragStart={onNodeDragStart}
      onNodeDragStop={onNodeDragStop}
      onNodeContextMenu={onNodeContextMenu}
      onEdgeContextMenu={onEdgeContextMenu}
      deleteKeyCode={null}
      nodesConnectable={false}
      minZoom={0.05}
      maxZoom={2}
      fitView
      fitViewOptions={{ padding: 0.1, maxZoom: 1 }}
      proOptions={{ hideAttribution: true }}
      colorMode="dark"
    >
      <FitOnFirstLayout count={nodes.length} />
      <FitOnRequest />
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 160, height: 110 }} />
    </ReactFlow>
  );
}
