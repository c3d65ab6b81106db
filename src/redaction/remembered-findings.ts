import { hash } from "node:crypto";
import type { Finding } from "./finding.js";
import { findPiiSliced } from "./find-pii-sliced.js";

/** Texts shorter than this are scanned again each time: hashing them would save less than it costs. */
const REMEMBER_MIN_CHARS = 128;
/** Texts whose findings are remembered (then forgotten all at once). */
const REMEMBERED_TEXTS = 8192;
/** A text with more findings than this is scanned again when it comes back: its list is not kept. */
const REMEMBERED_FINDINGS = 64;
const remembered = new Map<string, readonly Finding[]>();

/**
 * `findPiiSliced`, with the findings of a text seen before looked up by its SHA-256 (offsets and
 * types only; the text is not kept). A conversation sends its whole history again every turn, and
 * the reply of one turn is a message of the next: without this, a record's redaction rescanned
 * every earlier message. Hashing 8 KiB takes ~5 µs; scanning it ~100. A text with a lone
 * surrogate is scanned every time: its UTF-8, which is what is hashed, is that of U+FFFD.
 */
export async function findPiiRemembered(text: string): Promise<readonly Finding[]> {
  if (text.length < REMEMBER_MIN_CHARS || !text.isWellFormed()) return findPiiSliced(text);
  const key = hash("sha256", text, "base64");
  const known = remembered.get(key);
  if (known !== undefined) return known;
  const found = await findPiiSliced(text);
  if (found.length <= REMEMBERED_FINDINGS) {
    if (remembered.size >= REMEMBERED_TEXTS) remembered.clear();
    remembered.set(key, Object.freeze(found.map((f) => Object.freeze({ type: f.type, start: f.start, end: f.end }))));
  }
  return found;
}
