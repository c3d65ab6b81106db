/**
 * Whether JSON text nests arrays and objects deeper than `max`, found before parsing: parsing a
 * 10 MB `[[[[…` builds millions of arrays, and every later walk of such a value (token counting,
 * re-serialisation) recurses once per level, so Node's stack overflows well before the end. One
 * pass over the bytes; strings are skipped with `indexOf`, so long prompts cost native speed.
 * Text that is not JSON answers false: the parser reports it.
 */
export function nestedDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === QUOTE) {
      i = stringEnd(bytes, i + 1);
      if (i < 0) return false;
    } else if (b === OPEN_BRACKET || b === OPEN_BRACE) {
      if (++depth > max) return true;
    } else if (b === CLOSE_BRACKET || b === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes a string starting at `from`, or -1 when none does. */
function stringEnd(bytes: Uint8Array, from: number): number {
  let j = from;
  for (;;) {
    j = bytes.indexOf(QUOTE, j);
    if (j < 0) return -1;
    let backslashes = 0;
    for (let k = j - 1; k >= from && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j++;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
