/**
 * Pure: with several engines, each engine's frames are packed on their own (./packFrames.ts) inside a host
 * frame, and the host frames stand side by side in the order the engines were named (rows of up to three),
 * so each engine reads as one machine and its place does not depend on what the others hold. What belongs to
 * no one engine (a swarm's overlay seen on several) is packed in a band under all of them, as wide as they are.
 */
import type { HostState } from '../../../common/topology';
import { HOST_EMPTY_HEIGHT, HOST_EMPTY_WIDTH, HOST_GAP, HOST_HEADER, HOST_PADDING } from './geometry';
import { hostNodeId, type Point } from './ids';
import { packFrames, type Box } from './packFrames';

export interface HostBox extends Box {
  /** The engine whose frame it is. */
  host: string;
}

const PER_ROW = 3;

/**
 * Positions of every frame (absolute) and of each host frame's top-left corner (hostNodeId), and how wide the
 * rows of host frames are (what belongs to no one engine is drawn as wide, under them).
 */
export function packHosts(
  hosts: HostState[],
  boxes: HostBox[],
  aspect: number,
  hub?: string,
): { positions: Record<string, Point>; width: number } {
  const columns = Math.min(PER_ROW, Math.max(1, hosts.length));
  const rows = Math.ceil(hosts.length / columns);
  // Each host gets its share of the canvas, so its frames are packed to the shape of that share.
  const share = (aspect * rows) / columns;
  const blocks = hosts.map((host) => {
    const own = boxes.filter((box) => box.host === host.name);
    const inner = packFrames(own, share, hub);
    let [width, height] = own.length ? [0, 0] : [HOST_EMPTY_WIDTH - HOST_PADDING * 2, HOST_EMPTY_HEIGHT - HOST_HEADER - HOST_PADDING];
    for (const box of own) {
      width = Math.max(width, inner[box.id]!.x + box.width);
      height = Math.max(height, inner[box.id]!.y + box.height);
    }
    return { host, inner, width: width + HOST_PADDING * 2, height: height + HOST_HEADER + HOST_PADDING };
  });
  const positions: Record<string, Point> = {};
  let y = 0;
  let width = 0;
  for (let row = 0; row < rows; row++) {
    const inRow = blocks.slice(row * columns, (row + 1) * columns);
    let x = 0;
    for (const block of inRow) {
      positions[hostNodeId(block.host.name)] = { x, y };
      for (const [id, at] of Object.entries(block.inner)) positions[id] = { x: x + HOST_PADDING + at.x, y: y + HOST_HEADER + at.y };
      x += block.width + HOST_GAP;
    }
    width = Math.max(width, x - HOST_GAP);
    y += Math.max(...inRow.map((block) => block.height)) + HOST_GAP;
  }
  const across = boxes.filter((box) => !hosts.some((h) => h.name === box.host));
  for (const [id, at] of Object.entries(packFrames(across, aspect * 3))) positions[id] = { x: at.x, y: y + at.y };
  return { positions, width };
}
