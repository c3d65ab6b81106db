import { hash } from "node:crypto";

/** Texts shorter than this get no digest: hashing them would save less than working them out. */
const MIN_CHARS = 128;
/** How many texts a cache keyed by digest holds: ~1 MiB of digests. */
export const REMEMBERED_TEXTS = 8192;

/**
 * A map of at most `limit` entries, emptied whole when full: bounded memory with no bookkeeping
 * per lookup. What it holds is cheap to work out again, so forgetting all of it is harmless.
 */
export class Remembered<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
  }
}

/**
 * The SHA-256 of a text, to remember something about it by without keeping the text; undefined
 * for a text shorter than 128 characters (hashing it would save less than it costs) or holding a
 * lone surrogate (hashed as UTF-8 it would share its digest with the text that has U+FFFD there).
 */
export function textDigest(text: string): string | undefined {
  return text.length < MIN_CHARS || !text.isWellFormed() ? undefined : hash("sha256", text, "base64");
}
