import type { Redis } from "ioredis";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAuditRecord, type AuditRecord } from "../audit-record.js";
import { connectStream, ensureGroup, entriesOf, readReply, type StreamEntry, type StreamSettings } from "./redis-stream.js";

export interface ConsumerLog {
  warn(obj: object, msg: string): void;
}

export interface StreamConsumerOptions {
  readonly settings: StreamSettings;
  /** Unique in the group: host, pid and lane. */
  readonly name: string;
  /** Redacts and stores; throwing leaves the entries pending, to be read again. */
  handle(records: readonly AuditRecord[]): Promise<void>;
  readonly log: ConsumerLog;
  readonly blockMs?: number;
}

const MAX_BACKOFF_MS = 5000;

/**
 * One member of the consumer group: reads its own pending entries first (what it took but did not
 * acknowledge before a failure), then new ones; every `claimIdleMs / 2` it takes over entries
 * another member left idle that long (a crashed worker) with XAUTOCLAIM. An entry is acknowledged
 * and deleted only after its record is stored: at-least-once, and the store de-duplicates by id.
 */
export class StreamConsumer {
  private readonly redis: Redis;
  private stopped = false;
  private running: Promise<void> | undefined;
  private lastErrorLogMs = 0;
  skipped = 0;

  constructor(private readonly options: StreamConsumerOptions) {
    const blockMs = options.blockMs ?? 1000;
    this.redis = connectStream(options.settings.url, blockMs + 5000, (err) => this.warn(err, "audit stream connection error"));
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    if (this.redis.status === "ready") await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async loop(): Promise<void> {
    const { stream, group, batchSize, claimIdleMs } = this.options.settings;
    const blockMs = this.options.blockMs ?? 1000;
    let ownPending = true;
    let grouped = false;
    let nextClaimMs = 0;
    let backoffMs = 0;
    while (!this.stopped) {
      try {
        if (this.redis.status === "wait" || this.redis.status === "end") await this.redis.connect();
        if (!grouped) {
          await ensureGroup(this.redis, stream, group);
          grouped = true;
        }
        if (Date.now() >= nextClaimMs) {
          await this.claimIdle();
          nextClaimMs = Date.now() + claimIdleMs / 2;
        }
        const reply = await this.redis.call("XREADGROUP", "GROUP", group, this.options.name, "COUNT", batchSize, "BLOCK", blockMs, "STREAMS", stream, ownPending ? "0" : ">");
        const entries = readReply(reply);
        if (ownPending && entries.length === 0) ownPending = false;
        await this.handle(entries);
        backoffMs = 0;
      } catch (err) {
        if (this.stopped) break;
        // NOGROUP: the stream was deleted under us; create it and the group again.
        if (err instanceof Error && err.message.startsWith("NOGROUP")) grouped = false;
        ownPending = true;
        backoffMs = Math.min(Math.max(backoffMs * 2, 250), MAX_BACKOFF_MS);
        this.warn(err, "audit worker could not process a batch; will retry", backoffMs);
        await sleep(backoffMs);
      }
    }
  }

  /** Takes over entries idle longer than claimIdleMs (their consumer died) and processes them. */
  private async claimIdle(): Promise<void> {
    const { stream, group, batchSize, claimIdleMs } = this.options.settings;
    let cursor = "0-0";
    for (let round = 0; round < 100 && !this.stopped; round++) {
      const reply = await this.redis.call("XAUTOCLAIM", stream, group, this.options.name, claimIdleMs, cursor, "COUNT", batchSize);
      if (!Array.isArray(reply)) return;
      await this.handle(entriesOf(reply[1]));
      cursor = typeof reply[0] === "string" ? reply[0] : "0-0";
      if (cursor === "0-0") return;
    }
  }

  private async handle(entries: readonly StreamEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const records: AuditRecord[] = [];
    for (const e of entries) {
      let record: AuditRecord | undefined;
      try {
        record = e.json === undefined ? undefined : parseAuditRecord(JSON.parse(e.json));
      } catch {
        record = undefined;
      }
      // A poison entry would block its consumer for ever: it is acknowledged and counted instead.
      if (record) records.push(record);
      else this.skipped++;
    }
    await this.options.handle(records);
    const { stream, group } = this.options.settings;
    const ids = entries.map((e) => e.id);
    await this.redis.multi().xack(stream, group, ...ids).xdel(stream, ...ids).exec();
  }

  private warn(err: unknown, msg: string, retryInMs?: number): void {
    const now = Date.now();
    if (now - this.lastErrorLogMs < 10_000) return;
    this.lastErrorLogMs = now;
    this.options.log.warn({ consumer: this.options.name, err: String(err), retryInMs }, msg);
  }
}
