import { describe, expect, it } from 'vitest';
import { printable } from './printable';

describe('printable', () => {
  it('shows terminal escapes, C1 controls and bidi overrides visibly, and nothing raw is left', () => {
    const hostile = 'web\x1b]0;pwned\x07\x1b[2J\rname\u009b31m\u202eevil\x00';
    const shown = printable(hostile);
    expect(shown).toBe('web\\x1b]0;pwned\\x07\\x1b[2J\\x0dname\\x9b31m\\u202eevil\\x00');
    const raw = [...shown].filter((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) || c === '\u202e');
    expect(raw).toEqual([]);
  });

  it('keeps ordinary text, newlines, tabs and non-Latin names as they are', () => {
    const plain = 'shop-web-1\t10.0.0.2\ncafé · 東京 · ↔';
    expect(printable(plain)).toBe(plain);
  });
});
