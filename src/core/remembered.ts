import { hash } from "node:crypto";

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
 * for a text shorter than `minChars` (hashing it would save less than it costs) or holding a lone
 * surrogate (hashed as UTF-8 it would share its digest with the text that has U+FFFD there).
 */
export function textDigest(text: string, minChars: number): string | undefined {
  return text.length < minChars || !text.isWellFormed() ? undefined : hash("sha256", text, "base64");
}
