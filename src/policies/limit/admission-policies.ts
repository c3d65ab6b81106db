import type { Config } from "../../config/config.js";
import type { Policy } from "../../core/policy.js";
import { priceBookOf } from "../../metering/price-book.js";
import type { Logger } from "../../observability/logger.js";
import type { GatewayMetrics } from "../../observability/metrics.js";
import type { StateBackends } from "../../state/open-state.js";
import { budgetOf } from "../../tiers/tier-catalog.js";
import { tierPolicy } from "../../tiers/tier-policy.js";
import { budgetAlerts } from "../budget/budget-alerts.js";
import { budgetPolicy } from "../budget/budget-policy.js";
import { limitPolicy } from "./limit-policy.js";

export interface AdmissionDeps {
  readonly state: StateBackends;
  readonly log: Logger;
  readonly metrics?: GatewayMetrics | undefined;
}

/**
 * What runs between resolve and dispatch: the tier's model list (403), then budgets (403
 * budget_exceeded), then token and request limits (429). Budgets go first so a consumer whose
 * month is spent learns it at once instead of being rate limited first.
 */
export function admissionPolicies(config: Config, deps: AdmissionDeps): Policy[] {
  const { limits, budgets } = config.platform;
  const prices = priceBookOf(config);
  const costCentres = Object.fromEntries(Object.entries(budgets.costCentres).map(([k, b]) => [k, budgetOf(b)]));
  const alerts = budgetAlerts({
    environment: config.environment,
    currency: prices.currency,
    egress: config.egress,
    timeoutMs: budgets.alertTimeoutMs,
    latch: deps.state.alerts,
    failed: deps.state.failed,
    log: deps.log,
  });
  const policies: Policy[] = [
    tierPolicy(),
    budgetPolicy(
      deps.state,
      { environment: config.environment, costCentres, prices, defaultMaxTokens: limits.defaultMaxTokens, onStateError: limits.onStateError, alerts },
      deps.metrics,
    ),
  ];
  if (limits.enabled) {
    policies.push(
      limitPolicy(
        deps.state,
        {
          environment: config.environment,
          onStateError: limits.onStateError,
          lowerEnvironmentShare: limits.lowerEnvironmentShare,
          defaultMaxTokens: limits.defaultMaxTokens,
        },
        deps.metrics,
      ),
    );
  }
  return policies;
}
