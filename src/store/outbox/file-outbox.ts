import { setTimeout as sleep } from "node:timers/promises";
import { unlinkSync } from "node:fs";
import { LagMarks } from "./lag-marks.js";
import { MemoryTail } from "./memory-tail.js";
import { parseLines } from "./parse-lines.js";
import type { Outbox, OutboxLog, OutboxOptions, OutboxRecord, OutboxStats } from "./outbox.js";
import { CursorFile } from "./cursor-file.js";
import { segmentPath } from "./segment-files.js";
import { SegmentReader } from "./segment-reader.js";
import { SegmentWriter } from "./segment-writer.js";

const NOOP_LOG: OutboxLog = { warn() {}, error() {} };
const MAX_BACKOFF_MS = 30_000;

/**
 * The outbox over one directory: a SegmentWriter appends, a background flusher stores batches from
 * the oldest unacknowledged position (from memory while it keeps up, else read back from the
 * file), moves the cursor and deletes segments it has finished.
 */
export class FileOutbox<T extends OutboxRecord> implements Outbox<T> {
  private readonly writer: SegmentWriter;
  private readonly reader: SegmentReader;
  private readonly log: OutboxLog;
  private readonly batchSize: number;
  private readonly flushDelayMs: number;
  private readonly sealWhenCaughtUp: boolean;
  private readSeq: number;
  private readonly marks = new LagMarks();
  private readonly tail = new MemoryTail<T>();
  private readonly cursor: CursorFile;
  private flushing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  private closed = false;
  /** Set when close() gave the directory up: a late store answer must not touch its files. */
  private released = false;
  private lastErrorLogMs = 0;
  private counts = { pending: 0, stored: 0, storeFailures: 0, writeErrors: 0, dropped: 0, skipped: 0 };

  constructor(
    private readonly options: OutboxOptions<T>,
    private readonly sealed: Array<{ seq: number; size: number }>,
    writerSeq: number,
    private readOffset: number,
    replayed: number,
    private readonly unlock: () => void,
  ) {
    this.log = options.log ?? NOOP_LOG;
    this.batchSize = options.batchSize ?? 500;
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.sealWhenCaughtUp = options.sealWhenCaughtUp ?? false;
    this.reader = new SegmentReader(options.dir);
    this.cursor = new CursorFile(options.dir);
    this.writer = new SegmentWriter(
      options.dir,
      writerSeq,
      {
        fsync: options.fsync ?? "interval",
        fsyncIntervalMs: options.fsyncIntervalMs ?? 1000,
        maxSegmentBytes: options.maxSegmentBytes ?? 16 * 1024 * 1024,
        maxBufferedBytes: 64 * 1024 * 1024,
      },
      {
        written: (seq, start, end, lines) => this.onWritten(seq, start, end, lines),
        sealed: (seq, size) => this.sealed.push({ seq, size }),
        failed: (err, dropped) => {
          this.counts.writeErrors++;
          this.counts.dropped += dropped;
          this.counts.pending -= dropped;
          this.tail.dropped(dropped);
          // A full disk fails every second; one line per minute says so (the counters say how often).
          if (dropped === 0 && Date.now() - this.lastErrorLogMs < 60_000) return;
          this.lastErrorLogMs = Date.now();
          this.log.error({ dir: options.dir, err: String(err), dropped }, "outbox write failed; retrying");
        },
      },
    );
    this.readSeq = sealed[0]?.seq ?? writerSeq;
    this.counts.pending = replayed;
    if (replayed > 0) {
      const last = sealed.at(-1) as { seq: number; size: number };
      this.marks.written(last.seq, last.size);
      this.scheduleFlush(0);
    }
  }

  append(record: T): Promise<void> {
    const written = this.writer.append(`${JSON.stringify(record)}\n`);
    if (!this.closed) this.tail.appended(record);
    return written;
  }

  stats(): OutboxStats {
    const head = this.sealed[0];
    let bytes = head ? head.size - this.readOffset + this.writer.size : this.writer.size - this.readOffset;
    for (let i = 1; i < this.sealed.length; i++) bytes += (this.sealed[i] as { size: number }).size;
    const c = this.counts;
    return {
      pendingRecords: Math.max(0, c.pending),
      pendingBytes: bytes,
      lagMs: this.marks.lagMs(),
      storedTotal: c.stored,
      storeFailuresTotal: c.storeFailures,
      writeErrorsTotal: c.writeErrors,
      droppedTotal: c.dropped,
      skippedLinesTotal: c.skipped,
    };
  }

  async drain(): Promise<void> {
    while (this.writer.busy) await sleep(1);
    while (this.flushing) await sleep(1);
    this.flushing = true;
    try {
      while (await this.step());
    } catch (err) {
      this.counts.storeFailures++;
      throw err;
    } finally {
      this.flushing = false;
      // A background run that found us busy gave way; make sure one follows.
      if (this.stats().pendingBytes > 0) this.scheduleFlush(this.flushDelayMs);
    }
  }

  async close(timeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.flushTimer);
    await this.writer.close();
    let timer: NodeJS.Timeout | undefined;
    const caughtUp = await Promise.race([
      this.drain().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    // After a timeout the store may never answer: do not wait for it, the records are on disk.
    if (caughtUp) while (this.flushing) await sleep(1);
    await this.reader.close().catch(() => undefined);
    if (caughtUp && this.sealed.length === 0 && this.readOffset >= this.writer.size) {
      unlinkQuietly(segmentPath(this.options.dir, this.writer.seq));
    } else {
      this.log.warn({ dir: this.options.dir, pending: this.counts.pending }, "outbox closed with records not yet stored; they are replayed on the next start");
    }
    this.released = true;
    this.cursor.close();
    this.unlock();
  }

  private onWritten(seq: number, start: number, end: number, lines: number): void {
    this.tail.written(seq, start, end, lines);
    this.counts.pending += lines;
    this.marks.written(seq, end);
    this.scheduleFlush(this.flushDelayMs);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushTimer || this.flushing || this.closed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flushLoop();
    }, delayMs);
    this.flushTimer.unref();
  }

  private async flushLoop(): Promise<void> {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    let delay: number | undefined;
    // With sealWhenCaughtUp, once the flusher has caught up to the active segment, that segment
    // is sealed and, stored, deleted in this run: records stay on disk for one flush delay plus
    // the store, not until 16 MiB have gathered behind them. Behind a backlog the segments wait
    // anyway; sealing then would only make more files.
    if (this.sealWhenCaughtUp && this.sealed.length === 0) this.writer.seal();
    // Only what was written before this run: a store that yields to the event loop (the audit
    // worker does, between redaction slices) would otherwise find a few new records after every
    // batch and store them one small transaction (and one cursor write) at a time.
    const untilSeq = this.writer.seq;
    const untilOffset = this.writer.size;
    try {
      while ((this.readSeq < untilSeq || this.readOffset < untilOffset) && (await this.step()));
      this.backoffMs = 0;
    } catch (err) {
      this.counts.storeFailures++;
      this.backoffMs = Math.min(Math.max(this.backoffMs * 2, 250), MAX_BACKOFF_MS);
      delay = this.backoffMs;
      this.log.warn({ dir: this.options.dir, err: String(err), retryInMs: delay }, "outbox could not store a batch; will retry");
    } finally {
      this.flushing = false;
    }
    if (delay !== undefined) this.scheduleFlush(delay);
    // Stored records still in the active segment (it could not be sealed during a write) are
    // sealed away by the next run.
    else if (this.stats().pendingBytes > 0 || (this.sealWhenCaughtUp && this.writer.size > 0)) this.scheduleFlush(this.flushDelayMs);
  }

  /** Stores one batch or retires one finished segment; false when there is nothing to do. */
  private async step(): Promise<boolean> {
    if (this.released) return false;
    const head = this.sealed[0];
    const end = head ? head.size : this.writer.size;
    if (this.readOffset >= end) {
      if (!head) return false;
      await this.reader.close();
      unlinkQuietly(segmentPath(this.options.dir, head.seq));
      this.sealed.shift();
      this.readSeq = this.sealed[0]?.seq ?? this.writer.seq;
      this.readOffset = 0;
      this.marks.acknowledged(this.readSeq, this.readOffset);
      this.cursor.write({ segment: this.readSeq, offset: 0 });
      return true;
    }
    const kept = this.tail.at(this.readSeq, this.readOffset, this.batchSize);
    if ("records" in kept) {
      // One write may hold more than a batch; its offset is known only at its end.
      for (let i = 0; i < kept.records.length; i += this.batchSize) {
        await this.options.store(kept.records.slice(i, i + this.batchSize));
        if (this.released) return false;
      }
      this.acknowledge(kept.next, kept.records.length, kept.records.length);
      this.cursor.write({ segment: this.readSeq, offset: kept.next });
      return true;
    }
    const readEnd = kept.readUpTo === undefined ? end : Math.min(end, kept.readUpTo);
    const { lines, next } = await this.reader.read(this.readSeq, this.readOffset, readEnd, this.batchSize);
    if (this.released) {
      await this.reader.close();
      return false;
    }
    if (lines.length === 0) {
      if (!head && readEnd === end) return false;
      // Bytes with no line end before a clean write (a line torn by a failing disk), or at the end
      // of a sealed segment (a write torn by a crash): nothing whole can be read from them.
      this.counts.skipped++;
      this.log.warn({ dir: this.options.dir, segment: this.readSeq }, "outbox segment holds a torn line; skipped");
      this.readOffset = readEnd;
      return true;
    }
    const records = parseLines(lines, this.options.parse, () => {
      this.counts.skipped++;
      this.log.warn({ dir: this.options.dir, segment: this.readSeq }, "outbox line is not a record; skipped");
    });
    if (records.length > 0) await this.options.store(records);
    if (this.released) return false;
    this.acknowledge(next, lines.length, records.length);
    this.cursor.write({ segment: this.readSeq, offset: next });
    return true;
  }

  private acknowledge(next: number, lines: number, stored: number): void {
    this.readOffset = next;
    this.counts.pending -= lines;
    this.counts.stored += stored;
    this.marks.acknowledged(this.readSeq, next);
  }
}

export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: the goal is reached.
  }
}
