import { describe, expect, it } from 'vitest';
import { FAR_NAME_PX, farNameSize } from './farNameSize';

describe('farNameSize', () => {
  it('keeps the full size for names whose words fit the card', () => {
    for (const name of ['web', 'prometheus', 'node-exporter', 'debug-host', 'shop-backend-worker-1'])
      expect(farNameSize(name)).toBe(FAR_NAME_PX);
  });

  it('shrinks a name whose one word is longer than the card is wide, so it is not broken inside', () => {
    const size = farNameSize('alertmanager');
    expect(size).toBeLessThan(FAR_NAME_PX);
    // DejaVu Sans Bold's "alertmanager" is 7.66 em: at this size it fits the 213 px a far-out name has.
    expect(7.66 * size).toBeLessThanOrEqual(213);
    expect(farNameSize('my-alertmanager-1')).toBeLessThanOrEqual(size); // "alertmanager-" with the hyphen a break there shows
  });

  it('goes no smaller than reads from far out, however long the word', () => {
    expect(farNameSize('x'.repeat(80))).toBe(16);
    expect(farNameSize('')).toBe(FAR_NAME_PX);
  });
});
