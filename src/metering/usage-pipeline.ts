import type { ClientInfo } from "../core/context.js";
import type { UsageRecord, UsageSink } from "../core/usage-record.js";
import { accessLog, type InfoLog } from "../observability/access-log.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { PriceBook } from "./price-book.js";

export interface DurableQueue {
  append(record: UsageRecord): Promise<void>;
}

export interface UsagePipelineDeps {
  /** Where records are written ahead (the outbox); none keeps them in memory only. */
  readonly queue: DurableQueue | undefined;
  readonly metrics: GatewayMetrics | undefined;
  /** The serving config's prices (they change on reload). */
  prices(): PriceBook;
  readonly log: InfoLog & { error(obj: object, msg: string): void };
  /** A copy of each record for in-process readers (tests, a console's recent requests). */
  readonly also?: UsageSink;
}

/**
 * Where the meter's records go: metrics and the access log at once, then the durable queue.
 * The returned promise (the write-ahead) is what the meter waits for before the response ends.
 */
export class UsagePipeline implements UsageSink {
  private lastErrorAtMs = 0;

  constructor(private readonly deps: UsagePipelineDeps) {}

  write(record: UsageRecord, client?: ClientInfo): void | Promise<void> {
    const { also, metrics, log, queue } = this.deps;
    void also?.write(record);
    if (metrics) {
      // PTU tokens cost nothing at the margin; their fixed cost is allocated in the chargeback report.
      const cost = record.deploymentType === "PTU" ? undefined : this.deps.prices().tokenCost(record.model, record.modelVersion, record);
      metrics.observe(record, cost);
    }
    accessLog(log, record, client);
    if (!queue) return;
    return queue.append(record).catch((err: unknown) => this.failed(err));
  }

  private failed(err: unknown): void {
    const now = Date.now();
    if (now - this.lastErrorAtMs < 10_000) return;
    this.lastErrorAtMs = now;
    this.deps.log.error({ err: String(err) }, "usage record could not be written ahead");
  }
}
