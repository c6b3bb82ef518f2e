import { describe, expect, it } from 'vitest';
import { nextInDirection, type Box } from './direction';

// A bus across the top, three cards under it, one more row further down on the left.
const bus: Box = { id: 'bus', x: 0, y: 0, width: 700, height: 40 };
const a: Box = { id: 'a', x: 0, y: 80, width: 220, height: 100 };
const b: Box = { id: 'b', x: 240, y: 80, width: 220, height: 100 };
const c: Box = { id: 'c', x: 480, y: 80, width: 220, height: 100 };
const d: Box = { id: 'd', x: 0, y: 220, width: 220, height: 100 };
const all = [bus, a, b, c, d];

describe('arrow keys on the graph', () => {
  it('move to the neighbour on that side', () => {
    expect(nextInDirection(a, all, 'right')).toBe('b');
    expect(nextInDirection(b, all, 'right')).toBe('c');
    expect(nextInDirection(c, all, 'left')).toBe('b');
    expect(nextInDirection(a, all, 'down')).toBe('d');
    expect(nextInDirection(d, all, 'up')).toBe('a');
  });

  it('go up from a card to its bus, and down from the bus to the card nearest below', () => {
    expect(nextInDirection(b, all, 'up')).toBe('bus');
    expect(nextInDirection(bus, all, 'down')).toBe('b');
  });

  it('prefer what is straight ahead to what is nearer but off to the side', () => {
    // From c, going down: d is the only thing below, far to the left; it is still where Down goes.
    expect(nextInDirection(c, all, 'down')).toBe('d');
    const near: Box = { id: 'near', x: 700, y: 200, width: 50, height: 50 };
    const straight: Box = { id: 'straight', x: 480, y: 330, width: 220, height: 100 };
    expect(nextInDirection(c, [...all, near, straight], 'down')).toBe('straight');
  });

  it('stay put at the edge', () => {
    expect(nextInDirection(c, all, 'right')).toBeNull();
    expect(nextInDirection(bus, all, 'up')).toBeNull();
  });
});
