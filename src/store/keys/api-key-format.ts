import { randomBytes } from "node:crypto";

/**
 * A subscription key reads `atr_<id>_<secret>`: the prefix lets secret scanners and people
 * recognise it, the 12-character id finds its row in O(1) and is safe to log, and the 32-character
 * secret carries ~190 bits of randomness. Base62 keeps the key one word in shells, URLs and logs.
 */
export const KEY_PREFIX = "atr_";
const ID_LENGTH = 12;
const SECRET_LENGTH = 32;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SHAPE = /^atr_([0-9A-Za-z]{12})_[0-9A-Za-z]{32}$/;

export interface NewKey {
  readonly id: string;
  readonly key: string;
}

export function generateKey(): NewKey {
  const id = base62(ID_LENGTH);
  return { id, key: `${KEY_PREFIX}${id}_${base62(SECRET_LENGTH)}` };
}

/** The key's id, or undefined when the text is not shaped like one of our keys. */
export function keyIdOf(text: string): string | undefined {
  if (text.length !== KEY_PREFIX.length + ID_LENGTH + 1 + SECRET_LENGTH || !text.startsWith(KEY_PREFIX)) return undefined;
  const m = SHAPE.exec(text);
  return m ? m[1] : undefined;
}

/** Rejection sampling: bytes ≥ 248 would bias the first 62·4 = 248 values, so they are skipped. */
function base62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
