import { chmodSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { FileOutbox, unlinkQuietly } from "./file-outbox.js";
import { readCursor } from "./cursor-file.js";
import { acquireLock, listSegments, segmentPath } from "./segment-files.js";
import { FILE_MODE, type FsyncPolicy } from "./segment-writer.js";

const DIR_MODE = 0o700;

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
  /**
   * Seal the active segment whenever the flusher has caught up with it, so stored records leave
   * the disk one flush after they were written rather than when 16 MiB have gathered behind
   * them. For records that must not linger (the audit outbox holds prompts before redaction).
   */
  readonly sealWhenCaughtUp?: boolean;
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

/**
 * A durable write-ahead queue of JSON records in a directory: append to a segment file, store in
 * batches in the background, acknowledge with a cursor, delete what is acknowledged. On open,
 * whatever the last process left unacknowledged is replayed first.
 */
export async function openOutbox<T extends OutboxRecord>(options: OutboxOptions<T>): Promise<Outbox<T>> {
  // Owner-only: an audit outbox holds prompts before redaction. A directory an earlier version
  // made readable to others is narrowed too.
  mkdirSync(options.dir, { recursive: true, mode: DIR_MODE });
  chmodSync(options.dir, DIR_MODE);
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
    else {
      chmodSync(segmentPath(options.dir, s.seq), FILE_MODE);
      sealed.push(s);
    }
  }
  const lastSeq = Math.max(cursor?.segment ?? 0, ...found.map((s) => s.seq));
  const startOffset = cursor && sealed[0]?.seq === cursor.segment ? Math.min(cursor.offset, sealed[0].size) : 0;
  let replayed = 0;
  for (const [i, s] of sealed.entries()) replayed += await countLines(segmentPath(options.dir, s.seq), i === 0 ? startOffset : 0);
  return new FileOutbox(options, sealed, lastSeq + 1, startOffset, replayed, unlock);
}

async function countLines(path: string, from: number): Promise<number> {
  const bytes = await readFile(path);
  let n = 0;
  for (let i = bytes.indexOf(10, from); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
