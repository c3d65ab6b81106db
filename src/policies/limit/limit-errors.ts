import { GatewayError } from "../../core/errors.js";
import type { Admission } from "../../limits/limiter.js";
import { limiterHeaders } from "../../limits/limiter-headers.js";
import type { LimitPlan, PlannedRule } from "./limit-plan.js";

export interface RequestSize {
  readonly tokens: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** The metrics label of a rejection (atrium_limiter_rejections_total{scope}). */
export function rejectionScope(admission: Admission, bound: PlannedRule | undefined, size: RequestSize): string {
  if (admission.tooLarge) return "too_large";
  if (bound === undefined) return "tokens";
  if (bound.scope !== "consumer") return bound.scope;
  return requestsBound(admission, bound, size) ? "requests" : "tokens";
}

/**
 * 429 with OpenAI's headers. A request that can never fit (it needs more than a whole
 * per-minute limit) is a 429 too, as OpenAI answers "Request too large", but without
 * retry-after and with `x-should-retry: false`, which the openai SDKs obey: retrying cannot help.
 */
export function rateLimitError(admission: Admission, plan: LimitPlan, size: RequestSize): GatewayError {
  const bound = admission.rejectedKey === undefined ? undefined : plan.byKey.get(admission.rejectedKey);
  const subject = bound?.subject ?? "this deployment";
  const headers = limiterHeaders(admission);
  const needs = `up to ${size.tokens} tokens (prompt ≈ ${size.promptTokens}, completion up to ${size.completionTokens})`;
  if (admission.tooLarge) {
    const tpm = bound?.rule.tokensPerMinute;
    const message =
      bound?.rule.requestsPerMinute === 0
        ? `Requests to ${subject} are limited to 0 per minute.`
        : `Request too large for ${subject}: it needs ${needs}, more than the whole limit of ${tpm} tokens per minute. Reduce the prompt or max_tokens.`;
    return new GatewayError("rate_limited", message, { headers: { ...headers, "x-should-retry": "false" } });
  }
  const retry = admission.retryAfterMs === undefined ? "" : ` Retry after ${Math.ceil(admission.retryAfterMs / 1000)} s.`;
  let message: string;
  if (bound?.scope === "deployment") {
    message = `The ${subject} is at its capacity of ${bound.rule.tokensPerMinute} tokens per minute; this request needs ${needs}.${retry}`;
  } else if (bound?.scope === "lower_environment") {
    message = `Production traffic has priority: ${subject} (${bound.rule.tokensPerMinute} tokens per minute) is used up; this request needs ${needs}.${retry}`;
  } else if (bound !== undefined && requestsBound(admission, bound, size)) {
    message = `Rate limit reached for ${subject}: ${bound.rule.requestsPerMinute} requests per minute.${retry}`;
  } else {
    message = `Rate limit reached for ${subject}: ${bound?.rule.tokensPerMinute ?? "?"} tokens per minute, ${admission.remainingTokens ?? 0} left; this request needs ${needs}.${retry}`;
  }
  return new GatewayError("rate_limited", message, { headers, ...(admission.retryAfterMs === undefined ? {} : { retryAfterMs: admission.retryAfterMs }) });
}

/** The consumer rule refused for its requests, not its tokens. */
function requestsBound(admission: Admission, bound: PlannedRule, size: RequestSize): boolean {
  return bound.rule.requestsPerMinute !== undefined && admission.remainingRequests === 0 && (admission.remainingTokens ?? Infinity) >= size.tokens;
}

/** limits.onStateError: closed, and the shared state did not answer. */
export function stateUnavailableError(): GatewayError {
  return new GatewayError("service_unavailable", "Rate limits cannot be checked right now; retry shortly.", {
    headers: { "retry-after": "1" },
    retryAfterMs: 1000,
  });
}
