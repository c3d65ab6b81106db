import { hostname } from "node:os";
import { AuditMetrics } from "../audit/audit-metrics.js";
import { auditWorker } from "../audit/audit-service.js";
import { StreamConsumer } from "../audit/queue/stream-consumer.js";
import { startRetention } from "../audit/retention.js";
import { AuditStore } from "../audit/store/audit-store.js";
import { createLogger } from "../observability/logger.js";
import { openDatabase, type Database } from "../store/database.js";
import { storeConfig } from "./store-config.js";

export interface AuditWorkerOptions {
  readonly config: string;
  /** Consumer lanes in this process; default `audit.workers` (at least 1). */
  readonly workers?: number;
}

/**
 * `atrium audit-worker`: consumes the audit Redis stream (audit.queue.kind redis-streams),
 * redacts and stores records, and runs retention. Run as many as the load needs; each lane is one
 * member of the consumer group, and lanes of a worker that dies are taken over after claimIdleMs.
 */
export async function auditWorkerCommand(o: AuditWorkerOptions): Promise<number> {
  // Upstream keys are not needed here; storage and the queue must resolve.
  const config = storeConfig(o.config, ["$.storage", "$.audit", "$.auth.keySecret"]);
  if (!config) return 1;
  const audit = config.platform.audit;
  const queue = audit.queue;
  if (queue.kind !== "redis-streams") {
    process.stderr.write("atrium: audit.queue.kind is local: each gateway stores its own records. audit-worker needs audit.queue.kind redis-streams.\n");
    return 2;
  }
  const storage = config.platform.storage;
  if (queue.url === "" || (storage.kind === "postgres" && storage.url === "")) {
    process.stderr.write("atrium: audit.queue.url or storage.url is empty: set the environment variables they name.\n");
    return 1;
  }
  const log = createLogger(config.platform.log.level);
  let database: Database;
  try {
    database = await openDatabase(storage, config.dir);
  } catch (err) {
    process.stderr.write(`atrium: cannot open the store: ${(err as Error).message}\n`);
    return 1;
  }
  const store = new AuditStore(database.db);
  const metrics = new AuditMetrics();
  const worker = auditWorker(store, metrics, () => config);
  const lanes = o.workers ?? Math.max(1, audit.workers);
  const consumers = Array.from(
    { length: lanes },
    (_, i) => new StreamConsumer({ settings: queue, name: `${hostname()}-${process.pid}-w${i}`, handle: (batch) => worker.process(batch), log }),
  );
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  for (const c of consumers) c.start();
  const retention = startRetention({ store, retentionDays: () => audit.retentionDays, log });
  const stats = setInterval(() => log.info({ ...metrics.counts, skipped: consumers.reduce((n, c) => n + c.skipped, 0) }, "audit worker totals"), 60_000);
  stats.unref();
  process.stdout.write(`Atrium audit worker: ${lanes} lane(s) consuming ${queue.stream} in group ${queue.group}\n`);
  await stopped;
  clearInterval(stats);
  await Promise.all(consumers.map((c) => c.stop()));
  await retention.stop();
  await database.close();
  log.info({ ...metrics.counts }, "audit worker stopped");
  return 0;
}
