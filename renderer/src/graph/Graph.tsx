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
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { commands } from '../commands/commands';
import { runTest } from '../commands/testing';
import { testSpecFrom } from '../testing/testSpec';
import { notify } from '../commands/perform';
import type { MenuTarget } from '../store/slices';
import { useShallow } from 'zustand/react/shallow';
import { useDockwire } from '../store/store';
import { buildGraph, type GraphNode, type WireEdge as WireEdgeType } from './buildGraph';
import { testPath } from '../testing/testPath';
import { WireEdge } from './edges/WireEdge';
import { useLayout } from './layout/useLayout';
import { ContainerNode } from './nodes/ContainerNode/ContainerNode';
import { NetworkNode } from './nodes/NetworkNode/NetworkNode';

const nodeTypes: NodeTypes = { network: NetworkNode, container: ContainerNode };
const edgeTypes: EdgeTypes = { wire: WireEdge };

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
    const state = useDockwire.getState();
    if (state.picking && node.type === 'container' && state.testFrom) {
      // Picking the test's target on the graph: this click is the choice, and runs the test.
      state.setPicking(false);
      state.setTestDraft({ target: node.data.container.name });
      void runTest(testSpecFrom(state.testFrom, { ...state.testDraft, target: node.data.container.name }));
      return;
    }
    useDockwire.getState().select(kind === 'network' ? { kind: 'network', id } : { kind: 'container', id });
  }, []);
  const onEdgeClick = useCallback((_: unknown, edge: Edge) => {
    const data = (edge as WireEdgeType).data;
    if (edge.type === 'wire' && data) useDockwire.getState().select(data.selection);
  }, []);
  const onPaneClick = useCallback(() => useDockwire.getState().select(null), []);

  // Dropping a container on a network connects it (Shift: wires it by hand); the container goes back where it was.
  const { getIntersectingNodes } = useReactFlow();
  const dragStart = useRef<{ id: string; position: { x: number; y: number } } | null>(null);
  const onNodeDragStart = useCallback((_: unknown, node: GraphNode) => {
    dragStart.current = { id: node.id, position: node.position };
  }, []);
  const onNodeDragStop = useCallback(
    (event: globalThis.MouseEvent | globalThis.TouchEvent, node: GraphNode) => {
      const start = dragStart.current;
      dragStart.current = null;
      if (node.type !== 'container' || !start || start.id !== node.id) return;
      const target = getIntersectingNodes(node).find((other) => other.type === 'network') as GraphNode | undefined;
      if (!target || target.type !== 'network') return;
      useDockwire.getState().moveNode(node.id, start.position);
      const { container } = node.data;
      const { network } = target.data;
      // With Shift held, the drop wires the container to the bridge by hand instead of asking Docker.
      if (event.shiftKey && network.bridge)
        useDockwire.getState().openDialog({ kind: 'wire', containerId: container.id, networkId: network.id });
      else if (container.endpoints.some((e) => e.networkId === network.id))
        notify(`${container.name} is already on ${network.name}: nothing to do.`);
      else useDockwire.getState().openDialog({ kind: 'connect', containerId: container.id, networkId: network.id });
    },
    [getIntersectingNodes],
  );

  const openMenu = (event: MouseEvent, target: MenuTarget) => {
    event.preventDefault();
    useDockwire.getState().openMenu(event.clientX, event.clientY, target);
  };
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

  // Keys act on the selection wherever focus is (a clicked wire label takes no focus), unless a dialog or menu is open.
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => {
      const { dialog, menu } = useDockwire.getState();
      if (!dialog && !menu) onGraphKey(event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

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
      <Background gap={24} />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 160, height: 110 }} />
    </ReactFlow>
  );
}

/**
 * Keyboard equivalents of the gestures, for the selected item: Delete
 * disconnects a wire or removes a network or container (after asking), C
 * connects a container, T tests from it, Shift+F10 or the menu key opens the
 * context menu, Escape stops picking a test target.
 */
function onGraphKey(event: globalThis.KeyboardEvent) {
  if (event.key === 'Escape' && useDockwire.getState().picking) return useDockwire.getState().setPicking(false);
  if ((event.target as HTMLElement).closest('input, select, textarea')) return;
  const { selection, openDialog, openMenu } = useDockwire.getState();
  if (!selection) return;
  if (selection.kind === 'link') {
    if (event.key === 'Delete' || event.key === 'Backspace') commands.confirmUnwire(selection.ifindex);
    return;
  }
  if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    if (selection.kind === 'endpoint') commands.confirmDisconnect(selection.containerId, selection.networkId);
    else if (selection.kind === 'network') commands.confirmRemoveNetwork(selection.id);
    else void commands.containerAction(selection.id, 'remove');
  } else if ((event.key === 't' || event.key === 'T') && selection.kind === 'container' && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    useDockwire.getState().openTest(selection.id);
  } else if ((event.key === 'c' || event.key === 'C') && selection.kind === 'container' && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    openDialog({ kind: 'connect', containerId: selection.id });
  } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
    event.preventDefault();
    const id =
      selection.kind === 'endpoint' ? `ctr:${selection.containerId}` : `${selection.kind === 'network' ? 'net' : 'ctr'}:${selection.id}`;
    const box = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
    openMenu(box ? box.left + 20 : 200, box ? box.top + 20 : 200, selection);
  }
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
