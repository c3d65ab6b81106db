import type { RankTable } from "./rank-table.js";

/** No pair: higher than every rank. */
const NONE = 0x7fffffff;

/**
 * Longest piece merged as one, in characters. The merge's cost grows with the square of a piece's
 * length (200,000 × "x" took 24 s as one piece, on the event loop), so a longer piece (a run of
 * one kind of character: letters, spaces, symbols) is merged in slices of this length. Every
 * other piece counts exactly; "x" merges in eights, so a run of it counts the same either way.
 */
export const MAX_PIECE = 256;

/** `at`, or one further when `at` would split a surrogate pair. */
export function cutAt(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at + 1 : at;
}

/**
 * Counts a text's tokens in one byte-pair encoding, as tiktoken does: the encoding's split pattern
 * cuts the text into pieces; a piece whose UTF-8 bytes are one token counts one, any other is
 * merged pair by pair, lowest rank first (the first of equals), and counts the parts left. It
 * only counts: nothing is allocated per piece (but for pieces over MAX_PIECE, cut in slices),
 * and nothing is remembered between texts.
 */
export class BytePairCounter {
  private readonly split: RegExp;
  private bytes = new Uint8Array(1024);
  /** During a merge, part i is `bytes[starts[i]..starts[i + 1]]`. */
  private starts = new Int32Array(1025);
  /** During a merge, the rank of part i joined to part i + 1, or NONE. */
  private ranks = new Int32Array(1025);
  /** Whether the last piece encoded held a lone surrogate (written as U+FFFD). */
  private replaced = false;

  constructor(
    private readonly table: RankTable,
    split: RegExp,
  ) {
    // A copy: exec() keeps its place in the expression, which must be this counter's own.
    this.split = new RegExp(split.source, split.flags.includes("g") ? split.flags : `${split.flags}g`);
  }

  count(text: string): number {
    const split = this.split;
    split.lastIndex = 0;
    let tokens = 0;
    for (let match = split.exec(text); match !== null; match = split.exec(text)) {
      const piece = match[0];
      if (piece.length === 0) {
        split.lastIndex++;
        continue;
      }
      if (piece.length <= MAX_PIECE) {
        tokens += this.countPiece(piece);
        continue;
      }
      for (let i = 0; i < piece.length; ) {
        const next = Math.min(piece.length, cutAt(piece, i + MAX_PIECE));
        tokens += this.countPiece(piece.slice(i, next));
        i = next;
      }
    }
    return tokens;
  }

  private countPiece(piece: string): number {
    const length = this.encode(piece);
    // A piece with a lone surrogate is merged even when its bytes are one token, as gpt-tokenizer
    // does (its whole-piece lookup is by string), so the counts stay the same.
    return !this.replaced && this.table.rank(this.bytes, 0, length) >= 0 ? 1 : this.merge(length);
  }

  /** Writes `piece` as UTF-8 to `bytes` (a lone surrogate as U+FFFD, as TextEncoder does); returns its length. */
  private encode(piece: string): number {
    if (this.bytes.length < piece.length * 3) this.bytes = new Uint8Array(piece.length * 3);
    const out = this.bytes;
    let n = 0;
    this.replaced = false;
    for (let i = 0; i < piece.length; i++) {
      let c = piece.charCodeAt(i);
      if (c < 0x80) {
        out[n++] = c;
        continue;
      }
      if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const low = i + 1 < piece.length ? piece.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          out[n++] = 0xf0 | (point >> 18);
          out[n++] = 0x80 | ((point >> 12) & 0x3f);
          out[n++] = 0x80 | ((point >> 6) & 0x3f);
          out[n++] = 0x80 | (point & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
        this.replaced = true;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
    return n;
  }

  /** Merges `bytes[0..length]` and returns the number of tokens it ends as. */
  private merge(length: number): number {
    if (this.starts.length <= length) {
      this.starts = new Int32Array(length + 1);
      this.ranks = new Int32Array(length + 1);
    }
    const starts = this.starts;
    const ranks = this.ranks;
    let parts = length;
    for (let i = 0; i <= length; i++) starts[i] = i;
    for (let i = 0; i < parts; i++) ranks[i] = i + 1 < parts ? this.pairRank(i) : NONE;
    while (parts > 1) {
      let lowest = NONE;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        const rank = ranks[i] as number;
        if (rank < lowest) {
          lowest = rank;
          at = i;
        }
      }
      if (at < 0) break;
      // Part at + 1 joins part at: its start goes, and the pairs after it move down one.
      starts.copyWithin(at + 1, at + 2, parts + 1);
      ranks.copyWithin(at + 1, at + 2, parts);
      parts--;
      ranks[at] = at + 1 < parts ? this.pairRank(at) : NONE;
      if (at > 0) ranks[at - 1] = this.pairRank(at - 1);
    }
    return parts;
  }

  private pairRank(part: number): number {
    const rank = this.table.rank(this.bytes, this.starts[part] as number, this.starts[part + 2] as number);
    return rank < 0 ? NONE : rank;
  }
}
