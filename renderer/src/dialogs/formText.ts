/** Pure parsing of the free-text fields dialogs offer ("a=b, c=d", "x, y z"). */

export function parseList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

export function parseKeyValues(text: string): Record<string, string> | { problem: string } {
  const result: Record<string, string> = {};
  for (const entry of text
    .split(/[\n,]+/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const at = entry.indexOf('=');
    if (at <= 0) return { problem: `"${entry}" is not KEY=VALUE.` };
    result[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return result;
}
