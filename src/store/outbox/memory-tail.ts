/** Records kept in memory per write, this many at most; beyond it the flusher reads the disk. */
const MAX_KEPT = 20_000;

interface Chunk<T> {
  readonly seq: number;
  readonly start: number;
  readonly end: number;
  readonly records: T[];
}

/**
 * The records this process appended, kept beside the bytes that hold them, so the flusher can
 * store what it has just written without reading it back and parsing it. The disk stays the
 * truth: whatever the tail does not hold at the reader's position (a replay after a restart, a
 * write that failed and was retried, an overflow while the store was away) is read from the file.
 */
export class MemoryTail<T> {
  /** Appended, not yet reported written: the writer's pending lines, in order. */
  private unwritten: T[] = [];
  private chunks: Chunk<T>[] = [];
  private kept = 0;

  appended(record: T): void {
    this.unwritten.push(record);
  }

  /** The writer put the oldest `lines` unwritten records at [start, end) of segment `seq`. */
  written(seq: number, start: number, end: number, lines: number): void {
    const records = this.unwritten.length === lines ? this.unwritten : this.unwritten.slice(0, lines);
    this.unwritten = this.unwritten.length === lines ? [] : this.unwritten.slice(lines);
    // Keep only what certainly matches the bytes: the file is read for anything else.
    if (start < 0 || records.length !== lines || this.kept + lines > MAX_KEPT) return;
    this.chunks.push({ seq, start, end, records });
    this.kept += lines;
  }

  /** The writer gave up on the oldest `lines` unwritten records (a failing disk, over its buffer). */
  dropped(lines: number): void {
    this.unwritten = this.unwritten.slice(lines);
  }

  /**
   * Records that begin exactly at the reader's position, up to `max` (or one write's, if more),
   * and the offset after them; undefined when the file must be read. `readUpTo` is where a file
   * read must stop so that the next call finds the tail's first chunk at the reader's position.
   */
  at(seq: number, offset: number, max: number): { records: T[]; next: number } | { readUpTo: number | undefined } {
    this.forget(seq, offset);
    const first = this.chunks[0];
    if (!first || first.seq !== seq) return { readUpTo: undefined };
    if (first.start !== offset) return { readUpTo: first.start > offset ? first.start : undefined };
    const records = [...first.records];
    let next = first.end;
    for (let i = 1; i < this.chunks.length; i++) {
      const c = this.chunks[i] as Chunk<T>;
      if (c.seq !== seq || c.start !== next || records.length + c.records.length > max) break;
      records.push(...c.records);
      next = c.end;
    }
    return { records, next };
  }

  /** Drops every chunk that ends at or before the reader's position. */
  forget(seq: number, offset: number): void {
    let n = 0;
    for (const c of this.chunks) {
      if (c.seq > seq || (c.seq === seq && c.end > offset)) break;
      this.kept -= c.records.length;
      n++;
    }
    if (n > 0) this.chunks.splice(0, n);
  }
}
