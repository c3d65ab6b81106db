/**
 * A byte-pair encoding's ranks, keyed by the token's bytes, in four typed arrays: every token's
 * bytes back to back, where each one starts, and an open-addressed hash from bytes to rank.
 * cl100k's 100,256 tokens take 2.0 MiB this way; as a `Map` from strings (gpt-tokenizer's
 * form) they took ~7.6 MiB of live heap, and looking up a byte range meant decoding it to a
 * string first.
 */
export class RankTable {
  private readonly bytes: Uint8Array;
  /** Token `rank` is `bytes[starts[rank]..starts[rank + 1]]`. */
  private readonly starts: Int32Array;
  /** rank + 1 per slot, 0 where empty; a power of two at least twice the token count. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  private constructor(bytes: Uint8Array, starts: Int32Array, count: number) {
    this.bytes = bytes;
    this.starts = starts;
    let size = 1;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (let rank = 0; rank < count; rank++) {
      let slot = hash(bytes, starts[rank] as number, starts[rank + 1] as number) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = rank + 1;
    }
  }

  /**
   * Reads a `.tiktoken` file's text (`<base64 of the token's bytes> <rank>` per line, ranks from 0
   * in order, as the package ships them).
   */
  static fromTiktoken(text: string): RankTable {
    const lines = text.split("\n").filter((line) => line.length > 0);
    const starts = new Int32Array(lines.length + 1);
    let bytes = new Uint8Array(lines.length * 8);
    let end = 0;
    lines.forEach((line, rank) => {
      const space = line.indexOf(" ");
      if (space < 1 || Number(line.slice(space + 1)) !== rank) throw new Error(`rank table line ${rank + 1} is not '<base64> ${rank}'`);
      const token = Buffer.from(line.slice(0, space), "base64");
      if (end + token.length > bytes.length) {
        const grown = new Uint8Array(bytes.length * 2);
        grown.set(bytes.subarray(0, end));
        bytes = grown;
      }
      bytes.set(token, end);
      end += token.length;
      starts[rank + 1] = end;
    });
    return new RankTable(bytes.slice(0, end), starts, lines.length);
  }

  /** The rank of the token whose bytes are `key[from..to]`, or -1 when there is none. */
  rank(key: Uint8Array, from: number, to: number): number {
    const length = to - from;
    let slot = hash(key, from, to) & this.mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      const start = this.starts[entry - 1] as number;
      if ((this.starts[entry] as number) - start === length && this.equal(start, key, from, length)) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  private equal(start: number, key: Uint8Array, from: number, length: number): boolean {
    for (let i = 0; i < length; i++) if (this.bytes[start + i] !== key[from + i]) return false;
    return true;
  }
}

/** FNV-1a over a byte range, 32 bits. */
function hash(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}
