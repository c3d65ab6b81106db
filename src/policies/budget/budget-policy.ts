import type { Budget, Environment, Route } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";
import { monthOf } from "../../limits/budget-counter.js";
import { promptEstimate } from "../../metering/prompt-estimate.js";
import type { PriceBook } from "../../metering/price-book.js";
import type { GatewayMetrics } from "../../observability/metrics.js";
import type { StateBackends } from "../../state/open-state.js";
import { completionAllowance } from "../limit/request-tokens.js";
import type { BudgetAlerts } from "./budget-alerts.js";
import { budgetPlan, type BudgetLine, type BudgetPlan } from "./budget-plan.js";
import { budgetBusy, budgetExceeded, isSpent, type Refusal } from "./budget-refusal.js";

export interface BudgetPolicyOptions {
  readonly environment: Environment;
  readonly costCentres: Readonly<Record<string, Budget>>;
  readonly prices: PriceBook;
  readonly defaultMaxTokens: number;
  readonly onStateError: "open" | "closed";
  readonly alerts: BudgetAlerts;
}

interface Hold {
  readonly line: BudgetLine;
  readonly microUsd: number;
}

/**
 * Monthly budgets of the consumer (its tier) and its cost centre. A hard budget holds the
 * request's maximum cost (prompt estimate + completion allowance at the dearest member's price)
 * while settled spend + holds are under it; it refuses with 403 budget_exceeded once settled
 * spend has reached it, and with 429 budget_busy while only holds of requests in flight stand
 * in the way. The hold is settled to the actual cost when the reply ends, or released when none
 * comes. Soft budgets are charged at the end. Either kind alerts its webhook as thresholds are
 * crossed.
 */
export function budgetPolicy(state: StateBackends, options: BudgetPolicyOptions, metrics?: GatewayMetrics): Policy {
  const counter = state.budgets;
  const plans = new WeakMap<Route, BudgetPlan>();
  return async (ctx, next) => {
    const route = ctx.route;
    const consumer = ctx.identity?.consumer;
    if (route === undefined || consumer === undefined) throw new GatewayError("internal", "budgets ran before resolve");
    let plan = plans.get(route);
    if (plan === undefined) plans.set(route, (plan = budgetPlan(consumer, route, options.costCentres, options.prices)));
    if (plan.lines.length === 0) return next(ctx);
    const month = monthOf(Date.now());
    let holds: Hold[] = [];
    if (plan.hard) {
      const promptTokens = promptEstimate(ctx, plan.model);
      const completionTokens = completionAllowance(ctx, consumer.tier.defaultMaxTokens ?? options.defaultMaxTokens);
      // The full maximum, however far the month is from spent: a smaller hold would let every
      // request in flight overrun it at once, and a month's money does not refill like tokens
      // (docs/limits.md, "The budget's invariant").
      const maxMicroUsd = Math.ceil(promptTokens * plan.maxInput + completionTokens * plan.maxOutput);
      // A request that cannot cost anything (only PTU or unpriced members) needs no hold.
      if (maxMicroUsd > 0) holds = await reserve(plan.lines, month, maxMicroUsd, consumer.name);
    }
    let reply;
    try {
      reply = await next(ctx);
    } catch (err) {
      for (const hold of holds) settle(hold, month, 0);
      throw err;
    }
    reply.onFinish((outcome) => {
      const cost = plan.costMicroUsd(outcome.target ?? reply.target, outcome.usage);
      for (const line of plan.lines) {
        const hold = holds.find((h) => h.line === line);
        if (hold !== undefined) settle(hold, month, cost);
        else if (cost > 0) charge(line, month, cost);
      }
    });
    return reply;
  };

  /**
   * Holds every hard budget at once; any refusal gives the other holds back. A refusal is 403
   * budget_exceeded when a budget's settled spend has reached it, else 429 budget_busy.
   */
  async function reserve(lines: readonly BudgetLine[], month: string, maxMicroUsd: number, consumer: string): Promise<Hold[]> {
    const hard = lines.filter((l) => l.budget.hard);
    const answers = await Promise.allSettled(hard.map((l) => counter.reserve(l.key, month, maxMicroUsd, l.limitMicroUsd)));
    const holds: Hold[] = [];
    const refusals: Refusal[] = [];
    let failed = false;
    answers.forEach((a, i) => {
      const line = hard[i]!;
      if (a.status === "rejected") {
        failed = true;
        state.failed("budget", a.reason);
      } else if (a.value.ok) holds.push({ line, microUsd: maxMicroUsd });
      else refusals.push({ line, answer: a.value });
    });
    if (refusals.length > 0 || (failed && options.onStateError === "closed")) {
      for (const hold of holds) settle(hold, month, 0);
      if (refusals.length === 0) throw new GatewayError("service_unavailable", "Budgets cannot be checked right now; retry shortly.", { headers: { "retry-after": "1" } });
      const spent = refusals.find(isSpent);
      metrics?.rejected(consumer, spent === undefined ? "budget_busy" : "budget");
      if (spent !== undefined) throw budgetExceeded(spent, month, options.prices.currency);
      throw budgetBusy(refusals[0]!, month, options.prices.currency, maxMicroUsd);
    }
    return holds;
  }

  function settle(hold: Hold, month: string, actual: number): void {
    counter.settle(hold.line.key, month, hold.microUsd, actual).then(
      (total) => options.alerts(hold.line, month, total),
      (err: unknown) => state.failed("budget", err),
    );
  }

  function charge(line: BudgetLine, month: string, cost: number): void {
    counter.charge(line.key, month, cost).then(
      (total) => options.alerts(line, month, total),
      (err: unknown) => state.failed("budget", err),
    );
  }
}
