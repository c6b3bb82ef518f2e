import { describe, expect, it } from 'vitest';
import { helperKeepSeconds } from './config.js';

describe('DOCKWIRE_HELPER_KEEP', () => {
  it('is whole seconds from 0 to a day, 300 when unset', () => {
    expect(helperKeepSeconds({})).toBe(300);
    for (const [value, seconds] of [
      ['0', 0],
      ['1', 1],
      ['300', 300],
      ['86400', 86400],
      ['007', 7],
    ] as const)
      expect(helperKeepSeconds({ DOCKWIRE_HELPER_KEEP: value })).toBe(seconds);
  });

  it('refuses anything else, saying what to write', () => {
    for (const value of ['', 'soon', '-1', '1.5', '1e3', '86401', '9999999', ' 5'])
      expect(() => helperKeepSeconds({ DOCKWIRE_HELPER_KEEP: value })).toThrow(
        `DOCKWIRE_HELPER_KEEP must be whole seconds from 0 to 86400, not "${value}"`,
      );
  });
});
