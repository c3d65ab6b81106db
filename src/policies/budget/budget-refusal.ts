import { GatewayError } from "../../core/errors.js";
import type { BudgetAnswer } from "../../limits/budget-counter.js";
import type { BudgetLine } from "./budget-plan.js";

/** A hard budget's refusal: the line that refused and the counter's answer. */
export interface Refusal {
  readonly line: BudgetLine;
  readonly answer: BudgetAnswer;
}

/**
 * Spent means settled spend alone has reached the budget: no request in flight can give
 * anything back, so nothing changes before the month ends. Refused otherwise, it was only
 * the holds of requests in flight: they settle (mostly below their maximum) within the
 * time a reply takes, so a retry soon may be admitted.
 */
export const isSpent = (r: Refusal): boolean => r.answer.settled >= r.line.limitMicroUsd;

const usd = (microUsd: number): string => (microUsd / 1e6).toFixed(2);
const who = (line: BudgetLine): string => (line.scope === "consumer" ? `consumer ${line.name}` : `cost centre ${line.name}`);

/** 403 budget_exceeded: the month is spent. */
export function budgetExceeded(r: Refusal, month: string, currency: string): GatewayError {
  const [year, mm] = month.split("-").map(Number) as [number, number];
  const resets = new Date(Date.UTC(year, mm, 1)).toISOString().slice(0, 10);
  return new GatewayError(
    "budget_exceeded",
    `The monthly budget of ${who(r.line)} (${r.line.budget.monthlyUsd.toFixed(2)} ${currency}) is spent for ${month}: ${usd(r.answer.settled)} ${currency} used. It resets on ${resets} (UTC).`,
  );
}

/** The shortest and longest retry-after-ms a busy refusal suggests. */
export const BUSY_RETRY_MS = { min: 250, max: 1000 } as const;

/**
 * 429 budget_busy: the budget is not spent, requests in flight hold what is left. The wait is
 * short and jittered, so that clients refused together do not all come back in the same tick
 * (where, again, only as many fit as the holds allow).
 */
export function budgetBusy(r: Refusal, month: string, currency: string, maxMicroUsd: number, random = Math.random): GatewayError {
  const retryAfterMs = Math.round(BUSY_RETRY_MS.min + random() * (BUSY_RETRY_MS.max - BUSY_RETRY_MS.min));
  const { settled, held } = r.answer;
  return new GatewayError(
    "budget_busy",
    `The monthly budget of ${who(r.line)} (${r.line.budget.monthlyUsd.toFixed(2)} ${currency}) is not spent for ${month}, ` +
      `but requests in flight hold the rest of it: ${usd(settled)} ${currency} used, ${usd(held)} ${currency} reserved by requests in flight; ` +
      `this request may cost up to ${usd(maxMicroUsd)} ${currency}. Retry after ${retryAfterMs} ms.`,
    {
      headers: { "retry-after": "1", "retry-after-ms": String(retryAfterMs), "x-should-retry": "true" },
      retryAfterMs,
    },
  );
}
