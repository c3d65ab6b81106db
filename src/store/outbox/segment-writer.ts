import { closeSync, fdatasync, openSync, writeSync } from "node:fs";
import { promisify } from "node:util";
import { segmentPath } from "./segment-files.js";

/**
 * When bytes are forced to stable storage. `always`: before an append is acknowledged (survives
 * power loss). `interval`: every `fsyncIntervalMs` (an OS crash may lose that window). `never`:
 * left to the OS. A killed process loses nothing under any of them: acknowledged bytes were
 * handed to the kernel with write(2).
 */
export type FsyncPolicy = "always" | "interval" | "never";

export interface WriterOptions {
  readonly fsync: FsyncPolicy;
  readonly fsyncIntervalMs: number;
  readonly maxSegmentBytes: number;
  /** A failing disk keeps at most this much in memory for retry; older bytes are dropped. */
  readonly maxBufferedBytes: number;
}

export interface WriterEvents {
  /**
   * `lines` whole lines now end at `end`, the segment's size after the write. They begin at
   * `start`, or -1 when the batch was retried after a failed write (parts of it may lie elsewhere).
   */
  written(seq: number, start: number, end: number, lines: number): void;
  sealed(seq: number, size: number): void;
  failed(err: unknown, droppedLines: number): void;
}

const datasyncAsync = promisify(fdatasync);
const RETRY_MS = 1000;
/** Segments hold prompts and responses before redaction: owner-only. */
export const FILE_MODE = 0o600;

/**
 * Appends lines to the active segment with one write(2) per event-loop turn (group commit). The
 * write is synchronous: it only hands bytes to the kernel's page cache, which costs a few
 * microseconds, while a thread-pool round trip per turn cost the gateway about 100 µs of CPU per
 * request under load (two outboxes). Syncing to stable storage, the slow part, stays off the loop.
 * Each append's promise resolves when its batch is written (and synced, under `always`), so a
 * caller can hold its response until its record is on the kernel's side of the process boundary.
 */
export class SegmentWriter {
  private pending: string[] = [];
  private pendingLines = 0;
  private retry: { bytes: Buffer; lines: number } | undefined;
  private batch: { promise: Promise<void>; resolve: () => void } | undefined;
  private running = false;
  private scheduled = false;
  private failing = false;
  /** While failing, writes are retried by a timer, not by every append. */
  private retryAtMs = 0;
  private dirty = false;
  private syncDue = false;
  private fd: number;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  size = 0;

  constructor(
    private readonly dir: string,
    public seq: number,
    private readonly options: WriterOptions,
    private readonly events: WriterEvents,
  ) {
    this.fd = openSync(segmentPath(dir, seq), "a", FILE_MODE);
    if (options.fsync === "interval") {
      this.timer = setInterval(() => {
        this.syncDue = true;
        this.kick();
      }, options.fsyncIntervalMs);
      this.timer.unref();
    }
  }

  /** Appends are queued or a write is in flight. */
  get busy(): boolean {
    return this.running || this.scheduled || this.pending.length > 0;
  }

  /** `line` must end with "\n" and contain no other. */
  append(line: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the outbox is closed"));
    this.pending.push(line);
    this.pendingLines++;
    this.kick();
    // A failing disk must not hold responses hostage: fail open, retry in the background.
    if (this.failing) return Promise.resolve();
    if (!this.batch) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.batch = { promise, resolve };
    }
    return this.batch.promise;
  }

  /** Writes everything appended so far, syncs it, and closes the segment. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    while (this.running) await new Promise((r) => setImmediate(r));
    this.syncDue = this.options.fsync !== "never";
    await this.run();
    closeSync(this.fd);
  }

  private kick(): void {
    if (this.running || this.scheduled) return;
    if (this.failing && Date.now() < this.retryAtMs && !this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.length > 0 || this.retry || this.syncDue) {
        if (this.pending.length > 0 || this.retry) {
          if (!(await this.writeBatch())) {
            if (!this.closed) setTimeout(() => this.kick(), RETRY_MS).unref();
            return;
          }
        } else {
          this.syncDue = false;
          if (this.dirty) {
            this.dirty = false;
            await datasyncAsync(this.fd);
          }
        }
      }
    } catch (err) {
      this.events.failed(err, 0);
    } finally {
      this.running = false;
    }
  }

  /** False when the write failed; the unwritten bytes are kept and retried. */
  private async writeBatch(): Promise<boolean> {
    const batch = this.batch;
    this.batch = undefined;
    const fresh = this.pending.length > 0 ? Buffer.from(this.pending.join(""), "utf8") : undefined;
    const bytes = this.retry && fresh ? Buffer.concat([this.retry.bytes, fresh]) : (this.retry?.bytes ?? fresh ?? Buffer.alloc(0));
    const lines = (this.retry?.lines ?? 0) + this.pendingLines;
    const start = this.retry ? -1 : this.size;
    this.pending = [];
    this.pendingLines = 0;
    this.retry = undefined;
    let offset = 0;
    try {
      // A regular file may take fewer bytes than asked (a filling disk); continue where it stopped
      // so a retried line is never torn in two.
      while (offset < bytes.length) {
        offset += writeSync(this.fd, bytes, offset, bytes.length - offset, null);
      }
      if (this.options.fsync === "always") await datasyncAsync(this.fd);
      else this.dirty = true;
    } catch (err) {
      this.size += offset;
      this.keepForRetry(bytes.subarray(offset), lines, err);
      batch?.resolve();
      return false;
    }
    this.size += bytes.length;
    this.failing = false;
    this.events.written(this.seq, start, this.size, lines);
    batch?.resolve();
    if (this.size >= this.options.maxSegmentBytes) this.rotate();
    return true;
  }

  private keepForRetry(rest: Buffer, lines: number, err: unknown): void {
    this.failing = true;
    this.retryAtMs = Date.now() + RETRY_MS;
    let kept = rest;
    let dropped = 0;
    if (rest.length > this.options.maxBufferedBytes) {
      // Drop whole lines from the front: the oldest records go first, and no line is torn.
      const cut = rest.indexOf(10, rest.length - this.options.maxBufferedBytes);
      const droppedPart = rest.subarray(0, cut + 1);
      for (const b of droppedPart) if (b === 10) dropped++;
      kept = rest.subarray(cut + 1);
    }
    this.retry = { bytes: Buffer.from(kept), lines: lines - dropped };
    this.events.failed(err, dropped);
  }

  /**
   * Starts a new segment now, so the flusher can delete the current one as soon as it has stored
   * it: raw text must not wait on disk for the segment to fill. Only between writes, and not while
   * a failed write waits for retry (its rest belongs after the bytes already in this segment).
   * False when it cannot seal now, or the segment is empty.
   */
  seal(): boolean {
    if (this.size === 0 || this.running || this.retry || this.failing || this.closed) return false;
    try {
      this.rotate();
    } catch {
      // The next segment could not be opened (a full or failing disk): keep writing this one.
      return false;
    }
    return true;
  }

  private rotate(): void {
    const next = openSync(segmentPath(this.dir, this.seq + 1), "a", FILE_MODE);
    const old = this.fd;
    // Synced off the event loop, then closed: sealing happens after every flush, and a
    // synchronous fsync there would stop the loop for milliseconds.
    if (this.dirty && this.options.fsync !== "never") {
      datasyncAsync(old).then(
        () => closeSync(old),
        () => closeSync(old),
      );
    } else {
      closeSync(old);
    }
    this.events.sealed(this.seq, this.size);
    this.seq++;
    this.size = 0;
    this.dirty = false;
    this.fd = next;
  }
}
