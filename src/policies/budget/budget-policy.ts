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
 * and refuses with 403 budget_exceeded once the month is spent; the hold is settled to the
 * actual cost when the reply ends, or released when none comes. Soft budgets are charged at
 * the end. Either kind alerts its webhook as thresholds are crossed.
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
      const maxMicroUsd = Math.ceil(promptTokens * plan.maxInput + completionTokens * plan.maxOutput);
      holds = await reserve(plan.lines, month, maxMicroUsd, consumer.name);
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

  /** Holds every hard budget at once; any refusal gives the other holds back. */
  async function reserve(lines: readonly BudgetLine[], month: string, maxMicroUsd: number, consumer: string): Promise<Hold[]> {
    const hard = lines.filter((l) => l.budget.hard);
    const answers = await Promise.allSettled(hard.map((l) => counter.reserve(l.key, month, maxMicroUsd, l.limitMicroUsd)));
    const holds: Hold[] = [];
    let refused: { line: BudgetLine; spent: number } | undefined;
    let failed = false;
    answers.forEach((a, i) => {
      const line = hard[i]!;
      if (a.status === "rejected") {
        failed = true;
        state.failed("budget", a.reason);
      } else if (a.value.ok) holds.push({ line, microUsd: maxMicroUsd });
      else refused ??= { line, spent: a.value.spent };
    });
    if (refused !== undefined || (failed && options.onStateError === "closed")) {
      for (const hold of holds) settle(hold, month, 0);
      if (refused === undefined) throw new GatewayError("service_unavailable", "Budgets cannot be checked right now; retry shortly.", { headers: { "retry-after": "1" } });
      metrics?.rejected(consumer, "budget");
      throw exceeded(refused.line, month, refused.spent, options.prices.currency);
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

function exceeded(line: BudgetLine, month: string, spentMicroUsd: number, currency: string): GatewayError {
  const [year, mm] = month.split("-").map(Number) as [number, number];
  const resets = new Date(Date.UTC(year, mm, 1)).toISOString().slice(0, 10);
  const who = line.scope === "consumer" ? `consumer ${line.name}` : `cost centre ${line.name}`;
  return new GatewayError(
    "budget_exceeded",
    `The monthly budget of ${who} (${line.budget.monthlyUsd.toFixed(2)} ${currency}) is spent for ${month}: ${(spentMicroUsd / 1e6).toFixed(2)} ${currency} used or in flight. It resets on ${resets} (UTC).`,
  );
}
