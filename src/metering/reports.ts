import { GatewayError } from "../core/errors.js";
import type { ReportGrouping, UsageStore, UsageSummaryRow } from "../store/usage/usage-store.js";
import { computeChargeback, type Chargeback } from "./chargeback.js";
import type { Period } from "./report-period.js";
import type { PriceBook } from "./price-book.js";

export const GROUPINGS: readonly ReportGrouping[] = ["consumer", "costCentre", "deployment"];

export interface ReportQuery extends Period {
  readonly by: ReportGrouping;
  readonly environment?: string;
  /** Set when a consumer asks: the report holds its own line only. */
  readonly onlyConsumer?: string;
}

export interface UsageReport {
  readonly fromMs: number;
  readonly toMs: number;
  readonly by: ReportGrouping;
  readonly rows: readonly UsageSummaryRow[];
}

export function parseGrouping(value: string | null | undefined, fallback: ReportGrouping): ReportGrouping {
  if (value === null || value === undefined || value === "") return fallback;
  if ((GROUPINGS as readonly string[]).includes(value)) return value as ReportGrouping;
  throw new GatewayError("invalid_request", `by must be one of ${GROUPINGS.join(", ")}.`, { param: "by" });
}

export async function usageReport(store: UsageStore, q: ReportQuery): Promise<UsageReport> {
  const by = q.onlyConsumer === undefined ? q.by : "consumer";
  const rows = await store.summarize({ fromMs: q.fromMs, toMs: q.toMs, by, environment: q.environment, consumer: q.onlyConsumer });
  return { fromMs: q.fromMs, toMs: q.toMs, by, rows };
}

/**
 * A consumer's chargeback is cut from everyone's: its PTU share depends on what the others used.
 * Only its own line and its own PTU shares leave this function.
 */
export async function chargebackReport(store: UsageStore, book: PriceBook, q: ReportQuery): Promise<Chargeback> {
  const by = q.onlyConsumer === undefined ? q.by : "consumer";
  const rows = await store.chargeable({ fromMs: q.fromMs, toMs: q.toMs, by, environment: q.environment });
  const all = computeChargeback(rows, book, q.fromMs, q.toMs, by);
  const name = q.onlyConsumer;
  if (name === undefined) return all;
  const own = all.lines.find((l) => l.key === name);
  const zero = { key: name, requests: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, totalTokens: 0, paygCost: 0, ptuCost: 0, cost: 0, unpricedTokens: 0 };
  return {
    ...all,
    lines: own ? [own] : [],
    total: own ?? zero,
    ptu: all.ptu
      .filter((p) => p.shares.some((s) => s.key === name))
      .map((p) => ({ ...p, shares: p.shares.filter((s) => s.key === name) })),
    warnings: [],
  };
}
