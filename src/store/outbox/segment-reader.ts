import { open, type FileHandle } from "node:fs/promises";
import { segmentPath } from "./segment-files.js";

export interface LineBatch {
  readonly lines: string[];
  /** Offset just after the last whole line returned; `from` when none was whole. */
  readonly next: number;
}

const FIRST_READ_BYTES = 256 * 1024;

/** Reads whole lines from one segment at a time, keeping its file open until asked to move on. */
export class SegmentReader {
  private handle: FileHandle | undefined;
  private handleSeq = -1;

  constructor(private readonly dir: string) {}

  /** Up to `maxLines` whole lines between `from` and `end`; a torn tail is left unread. */
  async read(seq: number, from: number, end: number, maxLines: number): Promise<LineBatch> {
    const handle = await this.open(seq);
    let want = Math.min(FIRST_READ_BYTES, end - from);
    for (;;) {
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, from);
      const lastNewline = buffer.lastIndexOf(10, bytesRead - 1);
      if (lastNewline < 0) {
        // One line longer than the buffer: read more, unless the file holds no more.
        if (bytesRead < want || from + want >= end) return { lines: [], next: from };
        want = Math.min(want * 2, end - from);
        continue;
      }
      const lines: string[] = [];
      let start = 0;
      while (lines.length < maxLines) {
        const nl = buffer.indexOf(10, start);
        if (nl < 0 || nl > lastNewline) break;
        lines.push(buffer.toString("utf8", start, nl));
        start = nl + 1;
      }
      return { lines, next: from + start };
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    this.handleSeq = -1;
    await handle?.close();
  }

  private async open(seq: number): Promise<FileHandle> {
    if (this.handle && this.handleSeq === seq) return this.handle;
    await this.close();
    this.handle = await open(segmentPath(this.dir, seq), "r");
    this.handleSeq = seq;
    return this.handle;
  }
}
