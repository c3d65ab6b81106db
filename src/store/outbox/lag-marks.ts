/**
 * When unacknowledged bytes were written, for `lagMs`: one mark per write, coalesced to one per
 * 100 ms so that a store down for hours keeps a few thousand marks, not one per request. Lag is
 * over-stated by at most that.
 */
export class LagMarks {
  private marks: Array<{ seq: number; end: number; atMs: number }> = [];

  /** Bytes of segment `seq` up to `end` were written at `atMs`. */
  written(seq: number, end: number, atMs = Date.now()): void {
    const last = this.marks.at(-1);
    if (last && last.seq === seq && atMs - last.atMs < 100) last.end = end;
    else this.marks.push({ seq, end, atMs });
  }

  /** Everything before (seq, offset) is acknowledged. */
  acknowledged(seq: number, offset: number): void {
    const m = this.marks;
    while (m[0] && (m[0].seq < seq || (m[0].seq === seq && m[0].end <= offset))) m.shift();
  }

  lagMs(now = Date.now()): number {
    const oldest = this.marks[0];
    return oldest ? now - oldest.atMs : 0;
  }
}
