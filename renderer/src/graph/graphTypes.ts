/**
 * The picture's node and edge data, as buildGraph (./buildGraph.ts) makes them and the node and edge
 * components (./nodes, ./edges) draw them.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ContainerInfo, EndpointInfo, HostState, NetworkInfo, SwarmNodeInfo, UnmanagedLink } from '../../../common/topology';
import type { OverlayMesh } from '../../../common/overlayMesh';
import type { FrameInfo } from '../layout/placeNodes';
import type { Selection } from '../store/slices';
import type { CompareMark } from '../snapshots/compareView';

export type FrameNodeData = {
  info: FrameInfo;
  collapsed: boolean;
  containers: number;
  running: number;
  networks: number;
};
/** Comparing with a snapshot: added, removed (a ghost) or changed since, and the diff's lines about it. */
export type CompareNote = { mark: CompareMark; lines: string[] };
export type NetworkNodeData = {
  network: NetworkInfo;
  attached: number;
  role: 'network' | 'host' | 'none';
  width: number;
  idle: boolean;
  /** On swarm's ingress network: the services' ports published through the routing mesh ("websvc :8089→80/tcp"). */
  meshPorts?: string[];
  compare?: CompareNote;
};
export type ContainerNodeData = {
  container: ContainerInfo;
  service: string | null;
  endpoints: EndpointInfo[];
  handWired: UnmanagedLink[];
  /** Per row: the wire's detail (veth pair, address, MAC), shown zoomed in. */
  details: string[][];
  /** The network each hand-made link's bridge belongs to. */
  handNetworks: string[];
  info: string[];
  /** The last test reached it and it said no (a closed port, an HTTP error). */
  refusedTest?: true;
  /** While a test runs: this card is where it runs from, or its target. */
  testEnd?: 'from' | 'target';
  compare?: CompareNote;
};
/** A wire from a network's bus to a container's row: a Docker endpoint or a hand-made link. */
export type WireEdgeData = {
  containerName: string;
  networkName: string;
  look: 'docker' | 'stopped' | 'hand';
  /** Which lane beside the card it runs in (its row), so wires of one card never share a line. */
  lane: number;
  /** The bus it ends on, as wide as this. */
  busWidth: number;
  selection: Selection;
  /** Wires bundled into one, to or from a collapsed group. */
  bundled?: number;
  /** From a card in one frame to a bus in another: drawn as a curve, quieter unless it is of what is selected. */
  crossFrame?: boolean;
  /** Of what is selected (bright), or not while something is (dim). */
  emphasis?: 'related' | 'dim';
  /** On the path of the last connectivity test: passed or failed, or one it may cross while a test runs. */
  path?: 'ok' | 'fail' | 'testing';
  /** Comparing with a snapshot: joined, left (drawn as it was) or changed since. */
  compare?: CompareMark;
};

/** With several engines: one engine's host frame (./nodes/HostNode); swarm: its node as the managers see it. */
export type HostNodeData = { host: HostState; swarm: SwarmNodeInfo | null };
export type HostNode = Node<HostNodeData, 'host'>;
/**
 * A swarm network across host frames, as its VXLAN tunnels (./nodes/TunnelMeshNode): each node's end under
 * that node's host frame (centres: x of each end, relative to the node), a tunnel between every two.
 */
export type TunnelMeshData = {
  network: NetworkInfo;
  mesh: OverlayMesh;
  centres: number[];
  /** The last test across the nodes: the tunnels it crossed (by `a|b`, the two nodes sorted), passed or where it stopped. */
  tested?: Record<string, { verdict: 'ok' | 'fail'; way: string }>;
};
export type TunnelMeshNode = Node<TunnelMeshData, 'mesh'>;
export type FrameNode = Node<FrameNodeData, 'frame'>;
export type NetworkNode = Node<NetworkNodeData, 'network'>;
export type ContainerNode = Node<ContainerNodeData, 'container'>;
export type GraphNode = HostNode | FrameNode | NetworkNode | ContainerNode | TunnelMeshNode;
export type WireEdge = Edge<WireEdgeData, 'wire'>;
