import { Redis } from "ioredis";
import type { AuditRecord } from "../audit-record.js";

export interface StreamSettings {
  readonly url: string;
  readonly stream: string;
  readonly group: string;
  readonly claimIdleMs: number;
  readonly batchSize: number;
}

/** One stream entry: its id and the record's JSON (field `r`). */
export interface StreamEntry {
  readonly id: string;
  readonly json: string | undefined;
}

/**
 * Fails fast rather than queueing commands while Redis is away: the outbox behind the producer
 * keeps records on disk and retries, and its backlog is what fail-closed consumers are judged by.
 * `commandTimeoutMs` bounds a Redis that accepts but does not answer (above any BLOCK).
 */
export function connectStream(url: string, commandTimeoutMs: number, onError: (err: unknown) => void): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  redis.on("error", onError);
  return redis;
}

/** Gateway side: the outbox's `store` hands its batches to the stream (XADD, one round trip). */
export class StreamProducer {
  constructor(
    private readonly redis: Redis,
    private readonly stream: string,
  ) {}

  async add(records: readonly AuditRecord[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const r of records) pipeline.xadd(this.stream, "*", "r", JSON.stringify(r));
    const results = await pipeline.exec();
    if (results === null) throw new Error("redis pipeline was aborted");
    for (const [err] of results) if (err) throw err;
  }

  async close(): Promise<void> {
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

/** Creates the consumer group (from the stream's start) unless it exists. */
export async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.call("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith("BUSYGROUP"))) throw err;
  }
}

/** Entries of an XREADGROUP reply (`[[stream, [[id, [field, value…]]…]]]`) or of XAUTOCLAIM's second element. */
export function entriesOf(items: unknown): StreamEntry[] {
  if (!Array.isArray(items)) return [];
  const out: StreamEntry[] = [];
  for (const item of items) {
    if (!Array.isArray(item) || typeof item[0] !== "string") continue;
    const fields: unknown = item[1];
    let json: string | undefined;
    if (Array.isArray(fields)) {
      for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === "r" && typeof fields[i + 1] === "string") json = fields[i + 1] as string;
    }
    out.push({ id: item[0], json });
  }
  return out;
}

/** XREADGROUP's reply for one stream → its entries. */
export function readReply(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  const first: unknown = reply[0];
  return Array.isArray(first) ? entriesOf(first[1]) : [];
}
