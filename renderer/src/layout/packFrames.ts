/**
 * Pure: packs frames into rows that follow the canvas's shape: widest frames
 * first, rows filled left to right, at the row width that lets the whole be
 * shown largest in a canvas of that aspect ratio. Each row of frames keeps
 * some headroom under it, for growth while live.
 */
import { FRAME_GAP, FRAME_HEADROOM } from './geometry';
import type { Point } from './ids';

export interface Box {
  id: string;
  /** Frames of one size are packed in the order of their titles. */
  title: string;
  width: number;
  height: number;
}

function shelves(ordered: Box[], rowWidth: number): { placed: Record<string, Point>; width: number; height: number } {
  const placed: Record<string, Point> = {};
  let [x, y, rowHeight, width] = [0, 0, 0, 0];
  for (const box of ordered) {
    if (x > 0 && x + box.width > rowWidth) {
      x = 0;
      y += rowHeight + FRAME_GAP + FRAME_HEADROOM;
      rowHeight = 0;
    }
    placed[box.id] = { x, y };
    x += box.width + FRAME_GAP;
    width = Math.max(width, x - FRAME_GAP);
    rowHeight = Math.max(rowHeight, box.height);
  }
  return { placed, width, height: y + rowHeight };
}

/** `hub`: a frame with wires to many others (a reverse proxy's), packed in the middle so its wires stay short. */
export function packFrames(boxes: Box[], aspect: number, hub?: string): Record<string, Point> {
  if (boxes.length === 0) return {};
  const ordered = [...boxes].sort(
    (a, b) =>
      b.width - a.width || b.height - a.height || a.title.localeCompare(b.title, undefined, { numeric: true }) || a.id.localeCompare(b.id),
  );
  const hubAt = ordered.findIndex((box) => box.id === hub);
  if (hubAt >= 0) ordered.splice(Math.floor(ordered.length / 2), 0, ...ordered.splice(hubAt, 1));
  const widest = ordered[0]!.width;
  const total = ordered.reduce((sum, box) => sum + box.width + FRAME_GAP, 0);
  // Every row width worth trying: from the widest frame to all in one row. The best is the one
  // whose bounding box needs the least zooming out to fit the canvas.
  let best: ReturnType<typeof shelves> | null = null;
  let bestScale = Infinity;
  const step = Math.max(40, (total - widest) / 60);
  for (let rowWidth = widest; rowWidth <= total + step; rowWidth += step) {
    const candidate = shelves(ordered, rowWidth);
    const scale = Math.max(candidate.width / aspect, candidate.height);
    if (scale < bestScale - 1e-6) [best, bestScale] = [candidate, scale];
  }
  return best!.placed;
}
