/**
 * A size-bounded LRU whose entries also expire. Map keeps insertion order, so re-inserting on a
 * hit moves an entry to the back and the front is always the least recently used.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly untilMs: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.untilMs <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, untilMs: number): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, untilMs });
  }

  get size(): number {
    return this.entries.size;
  }
}
