import type { Budget, Consumer, Route } from "../../core/catalog.js";
import type { Usage } from "../../core/usage.js";
import type { PriceBook, TokenPrice } from "../../metering/price-book.js";

export interface BudgetLine {
  /** Counter key: `consumer|team-a`, `costCentre|1001`. */
  readonly key: string;
  readonly scope: "consumer" | "costCentre";
  readonly name: string;
  readonly budget: Budget;
  readonly limitMicroUsd: number;
}

/** A route's budgets and prices, computed once per config. */
export interface BudgetPlan {
  readonly lines: readonly BudgetLine[];
  readonly hard: boolean;
  readonly model: string;
  /** Per 1M tokens, the dearest member's price: the request's maximum cost before a member is chosen. */
  readonly maxInput: number;
  readonly maxOutput: number;
  /** The cost of actual usage on the member that served it, in micro-USD. */
  costMicroUsd(target: string | undefined, usage: Usage | undefined): number;
}

/**
 * Budgets count what the `atrium_cost_total` metric counts: PAYG tokens at list price from the
 * price book (`prices.models`). A PTU member's tokens cost nothing at the margin (its fixed cost
 * is allocated in the chargeback report) and a model without a price counts 0.
 */
export function budgetPlan(consumer: Consumer, route: Route, costCentres: Readonly<Record<string, Budget>>, prices: PriceBook): BudgetPlan {
  const lines: BudgetLine[] = [];
  const line = (scope: BudgetLine["scope"], name: string, budget: Budget): void => {
    lines.push({ key: `${scope}|${name}`, scope, name, budget, limitMicroUsd: Math.round(budget.monthlyUsd * 1e6) });
  };
  if (consumer.tier.budget !== undefined) line("consumer", consumer.name, consumer.tier.budget);
  const centre = costCentres[consumer.costCentre];
  if (centre !== undefined) line("costCentre", consumer.costCentre, centre);

  const priceOf = new Map<string, TokenPrice | undefined>();
  let maxInput = 0;
  let maxOutput = 0;
  for (const t of route.targets) {
    const price = t.deployment.type === "PTU" ? undefined : prices.price(t.deployment.model, t.deployment.modelVersion);
    priceOf.set(t.id, price);
    if (price !== undefined) {
      maxInput = Math.max(maxInput, price.input);
      maxOutput = Math.max(maxOutput, price.output);
    }
  }
  return {
    lines,
    hard: lines.some((l) => l.budget.hard),
    model: route.model,
    maxInput,
    maxOutput,
    costMicroUsd(target, usage) {
      const price = target === undefined ? undefined : priceOf.get(target);
      if (price === undefined || usage === undefined) return 0;
      const cached = Math.min(usage.cachedTokens, usage.promptTokens);
      // Prices are per 1M tokens, so tokens × price is micro-units of the currency.
      return Math.round((usage.promptTokens - cached) * price.input + cached * (price.cached ?? price.input) + usage.completionTokens * price.output);
    },
  };
}
