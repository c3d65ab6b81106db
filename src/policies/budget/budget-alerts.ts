import { egressAllows } from "../../config/egress-allow.js";
import type { Environment } from "../../core/catalog.js";
import type { Logger } from "../../observability/logger.js";
import type { AlertLatch } from "../../state/alert-latch.js";
import type { StateErrorReporter } from "../../state/state-errors.js";
import type { BudgetLine } from "./budget-plan.js";

/** Outlives the month and its late settles; the latch key names the month anyway. */
const LATCH_TTL_MS = 40 * 24 * 3_600_000;

export interface BudgetAlertOptions {
  readonly environment: Environment;
  readonly currency: string;
  /** Origins config allows (egress); a webhook elsewhere is refused, not called. */
  readonly egress: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly latch: AlertLatch;
  readonly failed: StateErrorReporter;
  readonly log: Logger;
}

export type BudgetAlerts = (line: BudgetLine, month: string, spentMicroUsd: number) => void;

/**
 * Posts one JSON alert per budget, month and threshold (`alertAt`) to the budget's webhook, once
 * across all replicas (the latch), fire-and-forget: the request never waits for it, a failure is
 * logged (by origin only: webhook URLs often carry a secret) and not retried.
 */
export function budgetAlerts(options: BudgetAlertOptions): BudgetAlerts {
  // Thresholds this process knows are taken: after the first time, no round trip per request.
  const taken = new Set<string>();
  return (line, month, spent) => {
    const webhook = line.budget.alertWebhook;
    if (webhook === undefined || spent <= 0) return;
    for (const threshold of line.budget.alertAt) {
      if (spent < threshold * line.limitMicroUsd) break;
      const key = `${month}|${line.key}|${threshold}`;
      if (taken.has(key)) continue;
      taken.add(key);
      options.latch
        .first(key, LATCH_TTL_MS)
        .then((first) => {
          if (first) return post(webhook, body(line, month, threshold, spent, options), options);
        })
        .catch((err: unknown) => {
          taken.delete(key);
          options.failed("alert", err);
        });
    }
  };
}

function body(line: BudgetLine, month: string, threshold: number, spent: number, o: BudgetAlertOptions): string {
  return JSON.stringify({
    type: "atrium.budget.threshold",
    budget: { scope: line.scope, name: line.name, monthlyUsd: line.budget.monthlyUsd, hard: line.budget.hard, currency: o.currency },
    month,
    threshold,
    // Settled spend plus requests in flight at their maximum cost.
    spentUsd: spent / 1e6,
    environment: o.environment,
    at: new Date().toISOString(),
  });
}

async function post(url: string, payload: string, o: BudgetAlertOptions): Promise<void> {
  const origin = new URL(url).origin;
  if (!egressAllows(o.egress, origin)) {
    o.log.error({ origin }, "budget alert not sent: the webhook is not in egress.allowHosts");
    return;
  }
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "atrium-budget-alert" },
      body: payload,
      redirect: "manual",
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    await res.body?.cancel();
    if (!res.ok) o.log.warn({ origin, status: res.status }, "budget alert webhook refused the alert");
  } catch (err) {
    o.log.warn({ origin, error: err instanceof Error ? err.name : String(err) }, "budget alert webhook failed");
  }
}
