import { sql, type Kysely } from "kysely";
import { BulkInsert, cellsOf } from "../bulk-insert.js";
import type { UsageRecord } from "../../core/usage-record.js";
import type { Tables } from "../tables.js";
import { fromRow, toRow, USAGE_COLUMNS } from "./usage-row.js";

export type ReportGrouping = "consumer" | "costCentre" | "deployment";

const GROUP_COLUMN = { consumer: "consumer", costCentre: "cost_centre", deployment: "target" } as const;

export interface UsageQuery {
  /** Inclusive, epoch ms. */
  readonly fromMs: number;
  /** Exclusive, epoch ms. */
  readonly toMs: number;
  readonly by: ReportGrouping;
  /** Only this consumer's records (a consumer looking at its own usage). */
  readonly consumer?: string;
  readonly environment?: string;
}

export interface UsageSummaryRow {
  /** The group's value; null for records without one (e.g. requests that failed authentication). */
  readonly key: string | null;
  readonly requests: number;
  readonly errors: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  readonly avgLatencyMs: number;
}

/** Token sums per group and per serving deployment, model and version: what chargeback prices. */
export interface ChargeableRow {
  readonly key: string | null;
  readonly target: string | null;
  readonly deploymentType: string | null;
  readonly model: string | null;
  readonly modelVersion: string | null;
  readonly requests: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
}

/** Usage records on SQLite or PostgreSQL through one set of Kysely queries. */
export class UsageStore {
  private readonly rows: BulkInsert;

  constructor(private readonly db: Kysely<Tables>) {
    this.rows = new BulkInsert(db, "usage_records", USAGE_COLUMNS, "id");
  }

  /** Idempotent: a record whose id is already stored is skipped (outbox replays are at-least-once). */
  async insert(records: readonly UsageRecord[]): Promise<void> {
    await this.rows.insert(cellsOf(records.map(toRow), USAGE_COLUMNS));
  }

  /** A consumer's newest records, newest first (index `usage_records_consumer_at`). */
  async recent(consumer: string, limit: number): Promise<UsageRecord[]> {
    const rows = await this.db.selectFrom("usage_records").selectAll().where("consumer", "=", consumer).orderBy("at_ms", "desc").limit(limit).execute();
    return rows.map(fromRow);
  }

  async byRequestId(requestId: string): Promise<UsageRecord[]> {
    const rows = await this.db.selectFrom("usage_records").selectAll().where("request_id", "=", requestId).execute();
    return rows.map(fromRow);
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom("usage_records").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async summarize(q: UsageQuery): Promise<UsageSummaryRow[]> {
    const column = GROUP_COLUMN[q.by];
    const rows = await this.scoped(q)
      .select((eb) => [
        eb.ref(column).as("key"),
        eb.fn.countAll().as("requests"),
        sql<string>`sum(case when status >= 400 then 1 else 0 end)`.as("errors"),
        eb.fn.sum("prompt_tokens").as("prompt"),
        eb.fn.sum("completion_tokens").as("completion"),
        eb.fn.sum("cached_tokens").as("cached"),
        eb.fn.sum("total_tokens").as("total"),
        eb.fn.avg("latency_ms").as("latency"),
      ])
      .groupBy(column)
      .orderBy(column)
      .execute();
    // PostgreSQL returns count and sum as strings (bigint / numeric).
    return rows.map((r) => ({
      key: r.key,
      requests: Number(r.requests),
      errors: Number(r.errors),
      promptTokens: Number(r.prompt),
      completionTokens: Number(r.completion),
      cachedTokens: Number(r.cached),
      totalTokens: Number(r.total),
      avgLatencyMs: Number(r.latency),
    }));
  }

  async chargeable(q: UsageQuery): Promise<ChargeableRow[]> {
    const column = GROUP_COLUMN[q.by];
    const rows = await this.scoped(q)
      .select((eb) => [
        eb.ref(column).as("key"),
        "target",
        "deployment_type",
        "model",
        "model_version",
        eb.fn.countAll().as("requests"),
        eb.fn.sum("prompt_tokens").as("prompt"),
        eb.fn.sum("completion_tokens").as("completion"),
        eb.fn.sum("cached_tokens").as("cached"),
        eb.fn.sum("total_tokens").as("total"),
      ])
      .groupBy([column, "target", "deployment_type", "model", "model_version"])
      .execute();
    return rows.map((r) => ({
      key: r.key,
      target: r.target,
      deploymentType: r.deployment_type,
      model: r.model,
      modelVersion: r.model_version,
      requests: Number(r.requests),
      promptTokens: Number(r.prompt),
      completionTokens: Number(r.completion),
      cachedTokens: Number(r.cached),
      totalTokens: Number(r.total),
    }));
  }

  private scoped(q: UsageQuery) {
    let query = this.db.selectFrom("usage_records").where("at_ms", ">=", q.fromMs).where("at_ms", "<", q.toMs);
    if (q.consumer !== undefined) query = query.where("consumer", "=", q.consumer);
    if (q.environment !== undefined) query = query.where("environment", "=", q.environment);
    return query;
  }
}
