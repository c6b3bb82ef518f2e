import { describe, expect, it } from 'vitest';
import { packFrames } from './packFrames';

describe('packing frames', () => {
  it('reads frames of one size in the order of their titles, numbers counted as numbers', () => {
    const titles = ['net-9', 'net-10', 'net-2', 'net-1', 'net-0'];
    const boxes = titles.map((title, i) => ({ id: `hand:${'fedcba'[i]}`, title, width: 300, height: 112 }));
    const placed = packFrames(boxes, 1.6);
    const readingOrder = [...boxes].sort((a, b) => placed[a.id]!.y - placed[b.id]!.y || placed[a.id]!.x - placed[b.id]!.x);
    expect(readingOrder.map((box) => box.title)).toEqual(['net-0', 'net-1', 'net-2', 'net-9', 'net-10']);
  });
});
