import type { Pool, Target } from "../core/catalog.js";
import { GatewayError, asGatewayError } from "../core/errors.js";
import type { Next } from "../core/policy.js";
import { Reply } from "../core/reply.js";
import type { ProviderCall } from "../providers/provider.js";
import type { ProviderRegistry } from "../providers/registry.js";
import type { MemberHealth } from "./member-health.js";
import { noMemberError } from "./no-member-error.js";
import { primed } from "./primed-stream.js";
import type { RoutingState } from "./routing-state.js";
import { targetOrder } from "./target-order.js";
import { totalDeadline } from "./total-deadline.js";

/**
 * The end of the policy chain: tries the route's pool members in order until one answers, within
 * the pool's attempts and deadline. Only failures before the first byte are retried; once a reply
 * exists it is the client's. Every attempt's outcome feeds that member's health (cool-down after a
 * 429, circuit breaker on failures, last reported headroom).
 */
export function dispatch(providers: ProviderRegistry, state: RoutingState, random: () => number = Math.random): Next {
  return async (ctx) => {
    const route = ctx.route;
    if (!route) throw new GatewayError("internal", "No route was resolved for this request.");
    const pool = route.poolSettings;
    const total = totalDeadline(ctx.signal, pool.timeouts.totalMs, ctx.startedAtMs);
    const call: ProviderCall = { operation: ctx.operation, path: ctx.operationPath, body: ctx.body, stream: ctx.stream, signal: total.signal, requestId: ctx.id, timeouts: pool.timeouts };
    const needTokens = ctx.promptTokenEstimate ?? 1;
    const deadline = ctx.startedAtMs + pool.deadlineMs;
    let order = targetOrder(route.targets, state, performance.now(), needTokens, random);
    let next = 0;
    let triedThisPass = false;
    let attempts = 0;
    let last: GatewayError | undefined;
    let limited: Set<string> | undefined;
    // One request that is slow everywhere (a huge prompt) is one strike, however often it is retried.
    const slow = { counted: false };
    try {
      while (attempts < pool.maxAttempts && (attempts === 0 || performance.now() < deadline)) {
        if (next >= order.length) {
          // Attempts left: go round again over whoever is still eligible (a 5xx may be transient).
          if (!triedThisPass) break;
          order = targetOrder(route.targets, state, performance.now(), needTokens, random);
          next = 0;
          triedThisPass = false;
          continue;
        }
        const target = order[next++] as Target;
        const health = state.member(target.id);
        // Re-checked at the moment of use: a concurrent request may have cooled it or taken the probe.
        if (!health.acquire(performance.now())) continue;
        triedThisPass = true;
        attempts++;
        const attemptAtMs = performance.now();
        try {
          const result = await providers[target.resource.provider].send(call, target);
          const onBroken = (err: unknown): void => {
            const error = asGatewayError(err);
            if (!total.signal.aborted && error.detail.retryable) health.failed(performance.now(), pool.breaker, error.message);
          };
          const reply = result.kind === "json" ? Reply.json(result.status, result.body, {}, result.json) : Reply.stream(await primed(result.events, onBroken));
          health.succeeded(performance.now(), result.headers);
          if (result.kind === "json") {
            reply.usage = result.usage;
            total.dispose();
          } else reply.onFinish(() => total.dispose());
          reply.target = target.id;
          reply.attempts = attempts;
          reply.headers["x-atrium-target"] = target.id;
          reply.headers["x-atrium-attempts"] = String(attempts);
          return reply;
        } catch (err) {
          const error = asGatewayError(err);
          if (!judge(health, error, total.signal.aborted, pool.breaker, slow, attemptAtMs)) throw withAttempts(error, attempts);
          if (error.code === "rate_limited") (limited ??= new Set()).add(target.id);
          last = error;
        }
      }
      throw noMemberError(route, state, performance.now(), limited, last, attempts);
    } catch (err) {
      total.dispose();
      throw err;
    }
  };
}

/**
 * Feeds a failed attempt into the member's health; true when another member may be tried.
 *
 * A member that took the request but did not answer in time (`slowAnswer`) may be slow for this
 * request's size rather than down, and the circuit is shared by every consumer of the pool: such a
 * timeout counts against the breaker only when the member has answered nothing since one breaker
 * window before this attempt began, and at most once per request. A member that answers others
 * keeps its circuit closed; one that answers nobody still opens it, one strike per request.
 */
function judge(health: MemberHealth, error: GatewayError, aborted: boolean, breaker: Pool["breaker"], slow: { counted: boolean }, attemptAtMs: number): boolean {
  if (aborted || !error.detail.retryable) {
    // The client left, the total deadline ran out, or the request itself was at fault (400,
    // content filter): no verdict on the member, and no other member would do better.
    health.breaker.released();
    return false;
  }
  if (error.code === "rate_limited") health.rateLimited(performance.now(), error.detail.retryAfterMs, error.message);
  else if (!error.detail.slowAnswer) health.failed(performance.now(), breaker, error.message);
  else if (!slow.counted && health.answeredAtMs < attemptAtMs - breaker.windowMs) {
    slow.counted = true;
    health.failed(performance.now(), breaker, error.message);
  } else {
    // Slow for this request, not down: no strike, but the 503 still says why it did not serve.
    health.lastReason = error.message;
    health.breaker.released();
  }
  return true;
}

function withAttempts(error: GatewayError, attempts: number): GatewayError {
  if (attempts < 1) return error;
  return new GatewayError(error.code, error.message, { ...error.detail, attempts, headers: { ...error.detail.headers, "x-atrium-attempts": String(attempts) } });
}
