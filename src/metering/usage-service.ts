import { join, resolve } from "node:path";
import type { Config } from "../config/config.js";
import type { UsageRecord, UsageSink } from "../core/usage-record.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { Database } from "../store/database.js";
import { openOutbox, type Outbox } from "../store/outbox/outbox.js";
import { parseUsageRecord } from "../store/usage/usage-row.js";
import { UsageStore } from "../store/usage/usage-store.js";
import { priceBookOf } from "./price-book.js";
import { UsagePipeline, type UsagePipelineDeps } from "./usage-pipeline.js";

export interface UsageService {
  /** The meter's sink: metrics, access log, write-ahead. */
  readonly sink: UsagePipeline;
  readonly store: UsageStore;
  readonly outbox: Outbox<UsageRecord>;
  /** Writes what is buffered, stores what it can within `timeoutMs`; the rest is replayed next start. */
  close(timeoutMs?: number): Promise<void>;
}

export interface UsageServiceDeps {
  readonly metrics: GatewayMetrics | undefined;
  readonly log: UsagePipelineDeps["log"] & { warn(obj: object, msg: string): void };
  /** The config now serving (prices follow reloads). */
  config(): Config;
  readonly also?: UsageSink;
}

/** `outbox.dir`, relative to the config folder; default `<config folder>/.atrium/outbox`. */
export function outboxDir(config: Config): string {
  const dir = config.platform.outbox?.dir;
  return dir === undefined ? join(config.dir, ".atrium", "outbox") : resolve(config.dir, dir);
}

/**
 * Usage records from the meter to the store: an outbox under the data dir replays what a previous
 * process left, then a background flusher batches records into `usage_records`.
 */
export async function openUsageService(config: Config, database: Database, deps: UsageServiceDeps): Promise<UsageService> {
  const store = new UsageStore(database.db);
  const settings = config.platform.outbox;
  const outbox = await openOutbox<UsageRecord>({
    dir: outboxDir(config),
    fsync: settings?.fsync ?? "interval",
    fsyncIntervalMs: settings?.fsyncIntervalMs ?? 1000,
    parse: parseUsageRecord,
    store: (batch) => store.insert(batch),
    log: deps.log,
  });
  deps.metrics?.watchOutbox("usage", outbox);
  const sink = new UsagePipeline({
    queue: outbox,
    metrics: deps.metrics,
    prices: () => priceBookOf(deps.config()),
    log: deps.log,
    also: deps.also,
  });
  return { sink, store, outbox, close: (timeoutMs) => outbox.close(timeoutMs) };
}
