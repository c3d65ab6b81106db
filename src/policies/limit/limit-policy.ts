import type { Environment, Route } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";
import type { Outcome } from "../../core/reply.js";
import type { Reservation } from "../../limits/limiter.js";
import { limiterHeaders } from "../../limits/limiter-headers.js";
import { promptEstimate } from "../../metering/prompt-estimate.js";
import type { GatewayMetrics } from "../../observability/metrics.js";
import type { StateBackends } from "../../state/open-state.js";
import { rateLimitError, rejectionScope, stateUnavailableError } from "./limit-errors.js";
import { limitPlan, type LimitPlan, type LimitPlanSettings } from "./limit-plan.js";
import { completionAllowance } from "./request-tokens.js";

export interface LimitPolicyOptions extends LimitPlanSettings {
  readonly environment: Environment;
  readonly onStateError: "open" | "closed";
}

/**
 * Admission after resolve: reserves the request's prompt (by the tokenizer) plus the completion
 * it may produce in every rule of its route at once, or refuses with 429 and OpenAI's headers.
 * The reservation is reconciled to the real usage when the reply ends (streams and aborted
 * streams included) and released when no reply comes. Every response admitted or refused here
 * carries x-ratelimit-*.
 */
export function limitPolicy(state: StateBackends, options: LimitPolicyOptions, metrics?: GatewayMetrics): Policy {
  const limiter = state.limiter;
  // Routes are frozen per config; a plan is computed at most once per route and config.
  const plans = new WeakMap<Route, LimitPlan>();
  return async (ctx, next) => {
    const route = ctx.route;
    const consumer = ctx.identity?.consumer;
    if (route === undefined || consumer === undefined) throw new GatewayError("internal", "limits ran before resolve");
    let plan = plans.get(route);
    if (plan === undefined) plans.set(route, (plan = limitPlan(consumer, route, options.environment, options)));
    if (plan.rules.length === 0) return next(ctx);
    const promptTokens = promptEstimate(ctx, plan.model);
    const completionTokens = completionAllowance(ctx, plan.defaultMaxTokens, plan.minTokensPerMinute - promptTokens);
    const tokens = promptTokens + completionTokens;
    let reservation: Reservation | undefined;
    try {
      const admission = await limiter.reserve(plan.rules, tokens);
      if (!admission.ok) {
        const size = { tokens, promptTokens, completionTokens };
        const bound = admission.rejectedKey === undefined ? undefined : plan.byKey.get(admission.rejectedKey);
        metrics?.rejected(consumer.name, rejectionScope(admission, bound, size));
        throw rateLimitError(admission, plan, size);
      }
      reservation = admission.reservation;
      const headers = limiterHeaders(admission);
      for (const name in headers) ctx.responseHeaders[name] = headers[name]!;
    } catch (err) {
      if (err instanceof GatewayError) throw err;
      state.failed("reserve", err);
      if (options.onStateError === "closed") {
        metrics?.rejected(consumer.name, "state_unavailable");
        throw stateUnavailableError();
      }
      // Fail open: this request goes unlimited; the shared counts never saw it.
      return next(ctx);
    }
    if (reservation === undefined) return next(ctx);
    const held = reservation;
    let reply;
    try {
      reply = await next(ctx);
    } catch (err) {
      void limiter.release(held);
      throw err;
    }
    reply.onFinish((outcome) => void limiter.reconcile(held, usedTokens(outcome, held)));
    return reply;
  };
}

/** What the request really used; without a count (no meter ran) it keeps what it reserved. */
function usedTokens(outcome: Outcome, reservation: Reservation): number {
  return outcome.usage?.totalTokens ?? reservation.tokens;
}
