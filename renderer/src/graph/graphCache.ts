/**
 * Keeps node and edge objects between rebuilds while what they depend on is
 * the same (by identity, element for element): React Flow then skips them.
 * What a rebuild does not ask for again is forgotten.
 */
export class GraphCache {
  private readonly entries = new Map<string, { deps: unknown[]; value: unknown }>();
  private readonly touched = new Set<string>();

  node<T>(id: string, deps: unknown[], make: () => T): T {
    return this.get(`n:${id}`, deps, make);
  }

  edge<T>(id: string, deps: unknown[], make: () => T): T {
    return this.get(`e:${id}`, deps, make);
  }

  /** Forgets what this rebuild did not use. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.touched.has(key)) this.entries.delete(key);
    this.touched.clear();
  }

  private get<T>(key: string, deps: unknown[], make: () => T): T {
    this.touched.add(key);
    const cached = this.entries.get(key);
    if (cached && cached.deps.length === deps.length && cached.deps.every((dep, index) => Object.is(dep, deps[index])))
      return cached.value as T;
    const value = make();
    this.entries.set(key, { deps, value });
    return value;
  }
}
