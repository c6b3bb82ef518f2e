/**
 * With several engines: what is drawn around and between their frames. Each engine's host frame, around the
 * frames of its groups as they are drawn now (so it grows with them); and under the band of swarm networks,
 * each such network's VXLAN tunnels, every node's end under its own host frame.
 */
import type { NetworkInfo, Topology } from '../../../common/topology';
import { overlayMesh } from '../../../common/overlayMesh';
import { HOST_EMPTY_HEIGHT, HOST_EMPTY_WIDTH, HOST_HEADER, HOST_PADDING, MESH_GAP, meshHeight } from '../layout/geometry';
import { hostNodeId, networkNodeId } from '../layout/ids';
import type { Placement } from '../layout/placeNodes';
import type { FrameNode, HostNode, TunnelMeshNode } from './buildGraph';
import type { GraphCache } from './graphCache';

/**
 * With several engines: each engine's host frame, around the frames of its groups as they are drawn now (so it
 * grows with them), or where the layout put it while it has none. Behind everything while its engine is live;
 * over its frames, shading them, while it is not.
 */
export function hostFrames(topology: Topology, placement: Placement, frames: FrameNode[], cache: GraphCache): HostNode[] {
  const result: HostNode[] = [];
  for (const host of topology.hosts ?? []) {
    const own = frames.filter((frame) => frame.data.info.host === host.name);
    const at = placement.positions[hostNodeId(host.name)];
    let box: { x: number; y: number; width: number; height: number } | null = null;
    if (own.length) {
      const left = Math.min(...own.map((f) => f.position.x));
      const top = Math.min(...own.map((f) => f.position.y));
      const right = Math.max(...own.map((f) => f.position.x + (f.width ?? 0)));
      const bottom = Math.max(...own.map((f) => f.position.y + (f.height ?? 0)));
      box = {
        x: left - HOST_PADDING,
        y: top - HOST_HEADER,
        width: right - left + HOST_PADDING * 2,
        height: bottom - top + HOST_HEADER + HOST_PADDING,
      };
    } else if (at) {
      box = { ...at, width: HOST_EMPTY_WIDTH, height: HOST_EMPTY_HEIGHT };
    }
    if (!box) continue;
    const id = hostNodeId(host.name);
    const live = host.state === 'live';
    const swarm = topology.swarmNodes.find((node) => host.engine && node.hostname === host.engine.hostname) ?? null;
    result.push(
      cache.node(id, [host, swarm, box.x, box.y, box.width, box.height], () => ({
        id,
        type: 'host',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        selectable: false,
        draggable: false,
        focusable: false,
        zIndex: live ? -2 : 1000,
        data: { host, swarm },
      })),
    );
  }
  return result;
}

/**
 * Under everything, one tunnel mesh per swarm network drawn across host frames (its bus in the band under
 * them): as wide as the host frames, each node's end centred under its host frame.
 */
export function tunnelMeshes(
  topology: Topology,
  hosts: HostNode[],
  frames: FrameNode[],
  isVisible: (id: string) => boolean,
  frameOf: (nodeId: string) => string | undefined,
  tested: Map<string, { verdict: 'ok' | 'fail'; way: string }> | undefined,
  cache: GraphCache,
): TunnelMeshNode[] {
  if (!hosts.length) return [];
  const hostBox = new Map(hosts.map((node) => [node.data.host.name, node]));
  const left = Math.min(...hosts.map((node) => node.position.x));
  const right = Math.max(...hosts.map((node) => node.position.x + (node.width ?? 0)));
  let top = Math.max(...[...hosts, ...frames].map((node) => node.position.y + (node.height ?? 0))) + MESH_GAP;
  const result: TunnelMeshNode[] = [];
  for (const network of topology.networks) {
    const mesh = overlayMesh(network);
    if (!mesh || !isVisible(network.id) || !frameOf(networkNodeId(network.id))) continue;
    const centres = mesh.ends.map((end) => {
      const box = hostBox.get(end.host);
      return box ? box.position.x + (box.width ?? 0) / 2 - left : 0;
    });
    const id = meshNodeId(network);
    const height = meshHeight(mesh.ends.length);
    const position = { x: left, y: top };
    const crossed = Object.fromEntries(
      [...(tested ?? [])]
        .filter(([key]) => key.startsWith(`${network.id}|`))
        .map(([key, value]) => [key.slice(network.id.length + 1), value]),
    );
    const testedKey = JSON.stringify(crossed);
    result.push(
      cache.node(id, [network, position.x, position.y, right - left, testedKey, ...centres], () => ({
        id,
        type: 'mesh',
        position,
        width: right - left,
        height,
        draggable: false,
        focusable: false,
        data: { network, mesh, centres, ...(Object.keys(crossed).length ? { tested: crossed } : {}) },
      })),
    );
    top += height + MESH_GAP;
  }
  return result;
}

export const meshNodeId = (network: NetworkInfo) => `mesh:${network.id}`;
