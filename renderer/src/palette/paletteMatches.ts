/** Pure: the palette's filter. Every word typed must appear in the title (in any order, any case). */
export function paletteMatches<T extends { title: string }>(entries: T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter(({ title }) => words.every((word) => title.toLowerCase().includes(word)));
}
