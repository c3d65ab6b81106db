import { GatewayError } from "../../core/errors.js";
import type { KeyRow, KeyStore } from "./key-store.js";

export interface CachedKey {
  /** Undefined: no such key (the negative cache, so junk ids do not each cost a query). */
  readonly row: KeyRow | undefined;
  /** The stored hash, decoded once. */
  readonly hash: Buffer | undefined;
  readonly loadedAtMs: number;
}

export interface KeyCacheOptions {
  /** How long a looked-up key (or its absence) is trusted: the bound on revocation delay. */
  readonly ttlMs: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * Key rows by id, each trusted for `ttlMs`. Every replica re-reads a key at most once per TTL,
 * so a revocation made anywhere takes effect everywhere within that time (and at once on the
 * replica that made it, which calls `forget`). Concurrent misses for one id share one query.
 */
export class KeyCache {
  private readonly entries = new Map<string, CachedKey>();
  private readonly pending = new Map<string, Promise<CachedKey>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: KeyStore,
    private readonly options: KeyCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  /** Synchronous when fresh: the warm path does no I/O and allocates no promise. */
  get(id: string): CachedKey | Promise<CachedKey> {
    const hit = this.entries.get(id);
    if (hit && this.now() - hit.loadedAtMs < this.options.ttlMs) return hit;
    return this.pending.get(id) ?? this.load(id);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  private load(id: string): Promise<CachedKey> {
    const loading = this.store
      .find(id)
      .then((row) => {
        const entry: CachedKey = { row, hash: row ? Buffer.from(row.hash, "base64url") : undefined, loadedAtMs: this.now() };
        this.entries.delete(id);
        if (this.entries.size >= this.maxEntries) {
          // Oldest loaded first: Map keeps insertion order and a reload re-inserts at the end.
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
        this.entries.set(id, entry);
        return entry;
      })
      .catch((err: unknown) => {
        // Fail closed: without the store we cannot tell a revoked key from a good one.
        throw new GatewayError("service_unavailable", "The key store is unreachable; retry shortly.", { cause: err, headers: { "retry-after": "1" } });
      })
      .finally(() => this.pending.delete(id));
    this.pending.set(id, loading);
    return loading;
  }
}
