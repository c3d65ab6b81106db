import { mkdirSync, unlinkSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { acquireLock, listSegments, readCursor, segmentPath, writeCursor } from "./segment-files.js";
import { SegmentReader } from "./segment-reader.js";
import { SegmentWriter, type FsyncPolicy } from "./segment-writer.js";

export type { FsyncPolicy } from "./segment-writer.js";

export interface OutboxRecord {
  readonly id: string;
}

export interface OutboxLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OutboxOptions<T extends OutboxRecord> {
  readonly dir: string;
  /** Default `interval`. */
  readonly fsync?: FsyncPolicy;
  readonly fsyncIntervalMs?: number;
  readonly maxSegmentBytes?: number;
  /** Records per `store` call. */
  readonly batchSize?: number;
  /** How long the flusher lets records gather after a write before it stores them. */
  readonly flushDelayMs?: number;
  /** Turns a replayed line back into a record; undefined skips a line that is not one. */
  parse(value: unknown): T | undefined;
  /** Must be idempotent by `id` (e.g. INSERT … ON CONFLICT DO NOTHING): replay is at-least-once. */
  store(batch: readonly T[]): Promise<void>;
  readonly log?: OutboxLog;
}

export interface OutboxStats {
  /** Written ahead, not yet acknowledged by the store. */
  readonly pendingRecords: number;
  readonly pendingBytes: number;
  /** Age of the oldest unacknowledged write (replayed records count from when this process opened them). */
  readonly lagMs: number;
  readonly storedTotal: number;
  readonly storeFailuresTotal: number;
  readonly writeErrorsTotal: number;
  readonly droppedTotal: number;
  readonly skippedLinesTotal: number;
}

export interface Outbox<T extends OutboxRecord> {
  /** Resolves once the record is written ahead (see FsyncPolicy); never waits for the store. */
  append(record: T): Promise<void>;
  stats(): OutboxStats;
  /** Stores everything appended so far; rejects when the store does. */
  drain(): Promise<void>;
  /** Writes, syncs and tries to store what is left within `timeoutMs`; the rest waits on disk. */
  close(timeoutMs?: number): Promise<void>;
}

const NOOP_LOG: OutboxLog = { warn() {}, error() {} };
const MAX_BACKOFF_MS = 30_000;

/**
 * A durable write-ahead queue of JSON records in a directory: append to a segment file, store in
 * batches in the background, acknowledge with a cursor, delete what is acknowledged. On open,
 * whatever the last process left unacknowledged is replayed first.
 */
export async function openOutbox<T extends OutboxRecord>(options: OutboxOptions<T>): Promise<Outbox<T>> {
  mkdirSync(options.dir, { recursive: true });
  const unlock = acquireLock(options.dir);
  try {
    return await open(options, unlock);
  } catch (err) {
    unlock();
    throw err;
  }
}

async function open<T extends OutboxRecord>(options: OutboxOptions<T>, unlock: () => void): Promise<Outbox<T>> {
  const cursor = readCursor(options.dir);
  const found = listSegments(options.dir);
  const sealed: Array<{ seq: number; size: number }> = [];
  for (const s of found) {
    if (cursor && s.seq < cursor.segment) unlinkQuietly(segmentPath(options.dir, s.seq));
    else sealed.push(s);
  }
  const lastSeq = Math.max(cursor?.segment ?? 0, ...found.map((s) => s.seq));
  const startOffset = cursor && sealed[0]?.seq === cursor.segment ? Math.min(cursor.offset, sealed[0].size) : 0;
  let replayed = 0;
  for (const [i, s] of sealed.entries()) replayed += await countLines(segmentPath(options.dir, s.seq), i === 0 ? startOffset : 0);
  return new FileOutbox(options, sealed, lastSeq + 1, startOffset, replayed, unlock);
}

class FileOutbox<T extends OutboxRecord> implements Outbox<T> {
  private readonly writer: SegmentWriter;
  private readonly reader: SegmentReader;
  private readonly log: OutboxLog;
  private readonly batchSize: number;
  private readonly flushDelayMs: number;
  private readSeq: number;
  private marks: Array<{ seq: number; end: number; atMs: number }> = [];
  private flushing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private backoffMs = 0;
  private closed = false;
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
    this.reader = new SegmentReader(options.dir);
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
        written: (seq, end, lines) => this.onWritten(seq, end, lines),
        sealed: (seq, size) => this.sealed.push({ seq, size }),
        failed: (err, dropped) => {
          this.counts.writeErrors++;
          this.counts.dropped += dropped;
          this.counts.pending -= dropped;
          this.log.error({ dir: options.dir, err: String(err), dropped }, "outbox write failed; retrying");
        },
      },
    );
    this.readSeq = sealed[0]?.seq ?? writerSeq;
    this.counts.pending = replayed;
    if (replayed > 0) {
      const last = sealed.at(-1) as { seq: number; size: number };
      this.marks.push({ seq: last.seq, end: last.size, atMs: Date.now() });
      this.scheduleFlush(0);
    }
  }

  append(record: T): Promise<void> {
    return this.writer.append(`${JSON.stringify(record)}\n`);
  }

  stats(): OutboxStats {
    const head = this.sealed[0];
    let bytes = head ? head.size - this.readOffset + this.writer.size : this.writer.size - this.readOffset;
    for (let i = 1; i < this.sealed.length; i++) bytes += (this.sealed[i] as { size: number }).size;
    const oldest = this.marks[0];
    const c = this.counts;
    return {
      pendingRecords: Math.max(0, c.pending),
      pendingBytes: bytes,
      lagMs: oldest ? Date.now() - oldest.atMs : 0,
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
    const caughtUp = await Promise.race([
      this.drain().then(
        () => true,
        () => false,
      ),
      sleep(timeoutMs, false, { ref: false }),
    ]);
    while (this.flushing) await sleep(1);
    await this.reader.close();
    if (caughtUp && this.sealed.length === 0 && this.readOffset >= this.writer.size) {
      unlinkQuietly(segmentPath(this.options.dir, this.writer.seq));
    } else {
      this.log.warn({ dir: this.options.dir, pending: this.counts.pending }, "outbox closed with records not yet stored; they are replayed on the next start");
    }
    this.unlock();
  }

  private onWritten(seq: number, end: number, lines: number): void {
    this.counts.pending += lines;
    const last = this.marks.at(-1);
    const now = Date.now();
    // One mark per 100 ms bounds memory while the store is down; lag is over-stated by at most that.
    if (last && last.seq === seq && now - last.atMs < 100) last.end = end;
    else this.marks.push({ seq, end, atMs: now });
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
    try {
      while (await this.step());
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
    else if (this.stats().pendingBytes > 0) this.scheduleFlush(this.flushDelayMs);
  }

  /** Stores one batch or retires one finished segment; false when there is nothing to do. */
  private async step(): Promise<boolean> {
    const head = this.sealed[0];
    const end = head ? head.size : this.writer.size;
    if (this.readOffset >= end) {
      if (!head) return false;
      await this.reader.close();
      unlinkQuietly(segmentPath(this.options.dir, head.seq));
      this.sealed.shift();
      this.readSeq = this.sealed[0]?.seq ?? this.writer.seq;
      this.readOffset = 0;
      this.dropMarks();
      await writeCursor(this.options.dir, { segment: this.readSeq, offset: 0 });
      return true;
    }
    const { lines, next } = await this.reader.read(this.readSeq, this.readOffset, end, this.batchSize);
    if (lines.length === 0) {
      if (!head) return false;
      // A sealed segment ending mid-line: a write torn by a crash. Nothing after it can exist.
      this.counts.skipped++;
      this.log.warn({ dir: this.options.dir, segment: head.seq }, "outbox segment ends with a torn line; skipped");
      this.readOffset = end;
      return true;
    }
    const records = this.parseLines(lines);
    if (records.length > 0) await this.options.store(records);
    this.readOffset = next;
    this.counts.pending -= lines.length;
    this.counts.stored += records.length;
    this.dropMarks();
    await writeCursor(this.options.dir, { segment: this.readSeq, offset: next });
    return true;
  }

  private dropMarks(): void {
    const m = this.marks;
    while (m[0] && (m[0].seq < this.readSeq || (m[0].seq === this.readSeq && m[0].end <= this.readOffset))) m.shift();
  }

  private parseLines(lines: readonly string[]): T[] {
    const seen = new Set<string>();
    const records: T[] = [];
    for (const line of lines) {
      let record: T | undefined;
      try {
        record = this.options.parse(JSON.parse(line));
      } catch {
        record = undefined;
      }
      if (!record) {
        this.counts.skipped++;
        this.log.warn({ dir: this.options.dir, segment: this.readSeq }, "outbox line is not a record; skipped");
      } else if (!seen.has(record.id)) {
        seen.add(record.id);
        records.push(record);
      }
    }
    return records;
  }
}

async function countLines(path: string, from: number): Promise<number> {
  const bytes = await readFile(path);
  let n = 0;
  for (let i = bytes.indexOf(10, from); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: the goal is reached.
  }
}
