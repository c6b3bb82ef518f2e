/**
 * Text from outside (a container's name in a snapshot file, a DNS name in a captured packet, a tested server's
 * status line, a search domain from resolv.conf) made safe to print on a terminal: control characters would
 * otherwise move the cursor, rewrite the title, recolour, or hide what comes before them. Each is shown
 * visibly instead (`\x1b`, `\u202e`), so the user still sees that it was there. Newlines and tabs are kept:
 * the CLI's own layout uses them.
 */

// C0 controls but tab and newline, DEL, C1 controls, and the Unicode marks that reorder or hide text
// (bidi embeddings, overrides and isolates; zero-width joiners are left: they are harmless on a terminal).
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
