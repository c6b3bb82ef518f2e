/** The live graph: nodes and edges from the store, drawn by React Flow. Gestures go to ../actions. */
import {
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  type Edge,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { pickTarget } from '../store/pickTarget';
import { runningTestPath, testPath } from './testPath';
import { tracePath } from './tracePath';
import type { MenuTarget, Selection } from '../store/slices';
import type { Topology } from '../../../common/topology';
import { useDockwire } from '../store/store';
import { buildGraph, type GraphNode, type WireEdge as WireEdgeType } from './buildGraph';
import { termsOf, visibleIds } from '../layout/filter';
import { GraphCache } from './graphCache';
import { FrameNode } from './nodes/FrameNode/FrameNode';
import { HostNode } from './nodes/HostNode/HostNode';
import { TunnelMeshNode } from './nodes/TunnelMeshNode/TunnelMeshNode';
import { WireEdge } from './edges/WireEdge';
import { FitOnFirstLayout } from './FitOnFirstLayout';
import { KeepMiddleOnResize } from './KeepMiddleOnResize';
import { ZoomVariable } from './ZoomVariable';
import { FitOnRequest } from './FitOnRequest';
import './graph.css';
import { useLayout } from './useLayout';
import { ContainerNode } from './nodes/ContainerNode/ContainerNode';
import { NetworkNode } from './nodes/NetworkNode/NetworkNode';
import { useDropToConnect } from './useDropToConnect';
import { DropHint } from './nodes/DropHint';
import { MiniMapWhenNeeded } from './MiniMapWhenNeeded';
import { useGraphKeyboard } from './useGraphKeyboard';

const nodeTypes: NodeTypes = { host: HostNode, frame: FrameNode, network: NetworkNode, container: ContainerNode, mesh: TunnelMeshNode };

/** What clicking a node selects: a network's tunnels stand for the network. */
function selectionOf(node: Exclude<GraphNode, { type: 'frame' | 'host' }>): Selection {
  if (node.type === 'container') return { kind: 'container', id: node.data.container.id };
  return { kind: 'network', id: node.data.network.id };
}
const edgeTypes: EdgeTypes = { wire: WireEdge };

const openMenu = (event: MouseEvent, target: MenuTarget) => {
  event.preventDefault();
  useDockwire.getState().openMenu(event.clientX, event.clientY, target);
};

/**
 * The nodes React Flow holds: the derived ones, with what React Flow measured
 * kept; a node whose derived object did not change is passed on as it was.
 */
function useFlowNodes(derived: GraphNode[]) {
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  const madeFrom = useRef(new WeakMap<GraphNode, GraphNode>());
  useEffect(() => {
    // React Flow owns what it measured and where a drag is; the store owns the rest: merging the two is syncing an external system.
    setNodes((previous) => {
      const before = new Map(previous.map((node) => [node.id, node]));
      return derived.map((node) => {
        const old = before.get(node.id);
        if (old && madeFrom.current.get(old) === node) return old;
        const merged = old?.measured ? { ...node, measured: old.measured } : node;
        madeFrom.current.set(merged, node);
        return merged;
      });
    });
  }, [derived]);
  return [nodes, setNodes] as const;
}

export function Graph() {
  useLayout();
  const {
    topology,
    placement: wholePlacement,
    filtered,
    collapsed,
    query,
    selection,
    report,
    running,
    trace,
    showIdleNetworks,
    compare,
  } = useDockwire(
    useShallow((state) => ({
      topology: state.topology,
      placement: state.placement,
      filtered: state.filtered,
      collapsed: state.collapsed,
      query: state.query,
      selection: state.selection,
      report: state.testRun?.report ?? null,
      running: state.testRun?.running ? state.testRun.spec : null,
      trace: state.trace?.report ?? null,
      showIdleNetworks: state.showIdleNetworks,
      compare: state.compare?.marks ?? null,
    })),
  );
  // Whether the picture stands still (laid out, fitted, no fit animating): tests wait on this, not on a time.
  const settled = useDockwire((state) => state.firstFitDone && state.layoutsInFlight === 0 && state.fitDone === state.fitRequest.count);
  const cache = useMemo(() => new GraphCache(), []);
  const visible = useMemo(() => (topology ? visibleIds(topology, query) : new Set<string>()), [topology, query]);
  // Filtering shows what is left laid out on its own, nothing collapsed (once the worker has laid it out).
  const filtering = termsOf(query).length > 0 && filtered?.query === query;
  const placement = filtering ? filtered.placement : wholePlacement;
  const collapsedSet = useMemo(() => new Set(filtering ? [] : (collapsed ?? [])), [collapsed, filtering]);
  // A trace, when there is one, says more than its test: its hops are lit in place of the test's path;
  // a test under way lights the wires it may cross and marks both ends until its answer comes.
  const highlight = useMemo(() => {
    if (trace) return tracePath(trace);
    if (!topology) return null;
    if (running) return runningTestPath(topology, running.from, running.target);
    return report ? testPath(topology, report) : null;
  }, [topology, report, running, trace]);
  const derived = useMemo(
    () =>
      topology
        ? buildGraph({ topology, placement, collapsed: collapsedSet, visible, selection, highlight, showIdleNetworks, compare }, cache)
        : { nodes: [], edges: [] },
    [topology, placement, collapsedSet, visible, selection, highlight, showIdleNetworks, compare, cache],
  );
  const [nodes, setNodes] = useFlowNodes(derived.nodes);

  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      for (const change of changes) {
        if (change.type === 'position' && change.position && !change.dragging) useDockwire.getState().moveNode(change.id, change.position);
      }
    },
    [setNodes],
  );

  const onNodeClick = useCallback((_: unknown, node: GraphNode) => {
    if (node.type === 'frame' || node.type === 'host') return;
    if (node.type === 'container' && pickTarget(node.data.container.name)) return;
    useDockwire.getState().select(selectionOf(node));
  }, []);
  const onEdgeClick = useCallback((_: unknown, edge: Edge) => {
    const data = (edge as WireEdgeType).data;
    if (edge.type === 'wire' && data) useDockwire.getState().select(data.selection);
  }, []);
  const onPaneClick = useCallback(() => useDockwire.getState().select(null), []);
  const onNodeContextMenu = useCallback((event: MouseEvent, node: GraphNode) => {
    if (node.type === 'frame' || node.type === 'host') return event.preventDefault();
    openMenu(event, selectionOf(node));
  }, []);
  const onEdgeContextMenu = useCallback((event: MouseEvent, edge: Edge) => {
    const selection = (edge as WireEdgeType).data?.selection;
    if (selection?.kind === 'endpoint' || selection?.kind === 'link') openMenu(event, selection);
  }, []);
  const { onNodeDragStart, onNodeDrag, onNodeDragStop } = useDropToConnect();
  const { wrapperRef, onFocus, onKeyDown } = useGraphKeyboard();

  // What the filter hides cannot stay selected: a key command must never act on what is not on screen.
  useEffect(() => {
    if (selection && !isShown(selection, visible, topology)) useDockwire.getState().select(null);
  }, [selection, visible, topology]);

  return (
    <div
      ref={wrapperRef}
      className="graph-keys"
      data-view-settled={settled}
      tabIndex={-1}
      aria-label="Network graph"
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
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
        onNodeDrag={onNodeDrag}
        onNodeDragStop={onNodeDragStop}
        onNodeContextMenu={onNodeContextMenu}
        onEdgeContextMenu={onEdgeContextMenu}
        deleteKeyCode={null}
        nodesConnectable={false}
        // Keyboard focus is ours (useGraphKeyboard): one tab stop, arrows between what is drawn; wires are reached through their rows.
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        // A dragged card pans the view only at the very edge, and gently.
        autoPanSpeed={6}
        // Off-screen nodes are left out of the page only where there are enough of them to cost something.
        onlyRenderVisibleElements={nodes.length > 300}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
      >
        <FitOnFirstLayout count={nodes.length} />
        <FitOnRequest />
        <KeepMiddleOnResize />
        <ZoomVariable />
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMapWhenNeeded />
      </ReactFlow>
      <DropHint />
    </div>
  );
}

/** Whether what is selected is on screen under the filter. */
function isShown(selection: Selection, visible: Set<string>, topology: Topology | null): boolean {
  switch (selection.kind) {
    case 'container':
    case 'network':
      return visible.has(selection.id);
    case 'endpoint':
      return visible.has(selection.containerId) && visible.has(selection.networkId);
    case 'link': {
      const owner = topology?.unmanagedLinks.find((l) => l.ifindex === selection.ifindex)?.peer?.containerId;
      return !owner || visible.has(owner);
    }
  }
}
