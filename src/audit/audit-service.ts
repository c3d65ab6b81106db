import { hostname } from "node:os";
import { join, resolve } from "node:path";
import type { Registry } from "prom-client";
import { egressAllows } from "../config/egress-allow.js";
import type { Config } from "../config/config.js";
import type { Database } from "../store/database.js";
import { openOutbox, type Outbox, type OutboxStats } from "../store/outbox/outbox.js";
import { parseAuditRecord, type AuditRecord } from "./audit-record.js";
import { AuditMetrics } from "./audit-metrics.js";
import { configSecrets } from "./config-secrets.js";
import type { AuditSink } from "./audit-sink.js";
import { AuditWorker } from "./audit-worker.js";
import type { StreamProducer } from "./queue/redis-stream.js";
import type { StreamConsumer } from "./queue/stream-consumer.js";
import type { RedactionSettings } from "./redact-record.js";
import { startRetention, type Retention } from "./retention.js";
import { AuditStore } from "./store/audit-store.js";

export interface AuditLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface AuditServiceDeps {
  readonly log: AuditLog;
  /** The config serving now: redaction settings and retention follow reloads. */
  config(): Config;
  /** The gateway's Prometheus registry (`GatewayMetrics.registry`). */
  readonly registry?: Registry | undefined;
  /** Exposes the audit outbox as `atrium_outbox_*{outbox="audit"}`. */
  watchOutbox?(name: string, source: { stats(): OutboxStats }): void;
}

export interface AuditHealth {
  readonly accepting: boolean;
  readonly reason: string | undefined;
  readonly backlog: number;
}

export interface AuditService extends AuditSink {
  readonly store: AuditStore;
  readonly metrics: AuditMetrics;
  readonly outbox: Outbox<AuditRecord>;
  readonly retention: Retention;
  health(): AuditHealth;
  close(timeoutMs?: number): Promise<void>;
}

/** `audit.outboxDir`, relative to the config folder; default `<config folder>/.atrium/audit-outbox`. */
export function auditOutboxDir(config: Config): string {
  const dir = config.platform.audit.outboxDir;
  return dir === undefined ? join(config.dir, ".atrium", "audit-outbox") : resolve(config.dir, dir);
}

/** Placeholder style and external analyser of a config; an analyser outside egress is never called. */
export function redactionSettings(config: Config): RedactionSettings {
  const audit = config.platform.audit;
  const analyzer = audit.externalAnalyzer;
  const allowed = analyzer !== undefined && egressAllows(config.egress, new URL(analyzer.url).origin);
  return {
    placeholders: audit.placeholders,
    external: allowed ? { url: analyzer.url, timeoutMs: analyzer.timeoutMs, language: analyzer.language, minScore: analyzer.minScore } : undefined,
    knownSecrets: configSecrets(config),
  };
}

/** A worker redacting into the store, for the gateway's own lanes and for `atrium audit-worker`. */
export function auditWorker(store: AuditStore, metrics: AuditMetrics, config: () => Config): AuditWorker {
  return new AuditWorker({ store, metrics, settings: () => redactionSettings(config()), concurrency: Math.max(1, config().platform.audit.workers) });
}

/** Write errors within this long mean the disk is failing now (the writer retries every second). */
const FAILING_FOR_MS = 2500;

/**
 * The audit pipeline of one gateway process: captured records are written ahead to a local
 * outbox; its flusher hands batches on, either to an in-process worker that redacts and stores
 * them (`queue: local`) or to a Redis stream that worker lanes here or in `atrium audit-worker`
 * processes consume. Queue, outbox and worker count are read at start; a change needs a restart.
 */
export async function openAuditService(config: Config, database: Database, deps: AuditServiceDeps): Promise<AuditService> {
  const settings = config.platform.audit;
  // While the gateway starts, its runtime (what deps.config reads) does not exist yet, and replay
  // and retention begin at once: they use the config this service was opened with until then.
  const live = (): Config => {
    try {
      return deps.config();
    } catch {
      return config;
    }
  };
  const store = new AuditStore(database.db);
  const metrics = new AuditMetrics(deps.registry);
  const worker = auditWorker(store, metrics, live);
  const queue = settings.queue;
  let producer: StreamProducer | undefined;
  const consumers: StreamConsumer[] = [];
  if (queue.kind === "redis-streams") {
    // Loaded only when configured (the Redis client is ~10 MiB of memory).
    const { connectStream, StreamProducer } = await import("./queue/redis-stream.js");
    const { StreamConsumer } = await import("./queue/stream-consumer.js");
    const redis = connectStream(queue.url, 2000, () => {});
    await redis.connect().catch((err: unknown) => deps.log.warn({ err: String(err) }, "audit stream unreachable at start; records wait in the outbox"));
    producer = new StreamProducer(redis, queue.stream);
    for (let i = 0; i < settings.workers; i++) {
      consumers.push(new StreamConsumer({ settings: queue, name: `${hostname()}-${process.pid}-${i}`, handle: (batch) => worker.process(batch), log: deps.log }));
    }
  }
  const target = producer;
  const outbox = await openOutbox<AuditRecord>({
    dir: auditOutboxDir(config),
    fsync: config.platform.outbox.fsync,
    fsyncIntervalMs: config.platform.outbox.fsyncIntervalMs,
    // Prompts before redaction: off the disk one flush after they are stored.
    sealWhenCaughtUp: true,
    parse: parseAuditRecord,
    store: target ? (batch) => target.add(batch) : (batch) => worker.process(batch),
    log: deps.log,
  });
  deps.watchOutbox?.("audit", outbox);
  for (const c of consumers) c.start();
  const retention = startRetention({ store, retentionDays: () => live().platform.audit.retentionDays, log: deps.log });

  let closed = false;
  let seenWriteErrors = 0;
  let writeErrorAtMs = -Infinity;
  let cached: { atMs: number; health: AuditHealth } | undefined;
  const health = (): AuditHealth => {
    const now = Date.now();
    // Per request of a fail-closed consumer: reading the outbox's stats at most every 50 ms is enough.
    if (cached && now - cached.atMs < 50) return cached.health;
    const stats = outbox.stats();
    if (stats.writeErrorsTotal > seenWriteErrors) {
      seenWriteErrors = stats.writeErrorsTotal;
      writeErrorAtMs = now;
    }
    const maxBacklog = live().platform.audit.maxBacklog;
    const reason = closed
      ? "the audit pipeline is closed"
      : now - writeErrorAtMs < FAILING_FOR_MS
        ? "the audit outbox cannot write to disk"
        : stats.pendingRecords > maxBacklog
          ? `the audit backlog (${stats.pendingRecords} records) is over audit.maxBacklog (${maxBacklog})`
          : undefined;
    cached = { atMs: now, health: { accepting: reason === undefined, reason, backlog: stats.pendingRecords } };
    return cached.health;
  };

  return {
    store,
    metrics,
    outbox,
    retention,
    health,
    accepting: () => health().accepting,
    refused: (consumer) => metrics.refused(consumer),
    async enqueue(record) {
      metrics.enqueued(record.mode);
      await outbox.append(record);
    },
    async close(timeoutMs = 5000) {
      closed = true;
      await outbox.close(timeoutMs);
      await Promise.all(consumers.map((c) => c.stop()));
      await producer?.close();
      await retention.stop();
    },
  };
}
