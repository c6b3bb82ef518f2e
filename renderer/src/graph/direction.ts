/**
 * Pure: where an arrow key moves focus on the graph: to the nearest thing drawn
 * in that direction. "In that direction" means its centre lies beyond the
 * current one's edge that way; "nearest" weighs sideways distance double, so
 * Down goes to what is below rather than to something far off to the side.
 */
export type Direction = 'up' | 'down' | 'left' | 'right';

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DIRECTION_OF_KEY: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

export function nextInDirection(from: Box, candidates: Box[], direction: Direction): string | null {
  const centre = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  const origin = centre(from);
  let best: { id: string; score: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.id === from.id) continue;
    const c = centre(candidate);
    // Along the direction (must be positive: beyond from's edge) and across it.
    const [along, across] =
      direction === 'down'
        ? [c.y - (from.y + from.height), c.x - origin.x]
        : direction === 'up'
          ? [from.y - c.y, c.x - origin.x]
          : direction === 'right'
            ? [c.x - (from.x + from.width), c.y - origin.y]
            : [from.x - c.x, c.y - origin.y];
    if (along < 0) continue;
    const score = along + 2 * Math.abs(across);
    if (!best || score < best.score) best = { id: candidate.id, score };
  }
  return best?.id ?? null;
}
