import { GatewayError, asGatewayError } from "../core/errors.js";
import type { Next } from "../core/policy.js";
import { Reply } from "../core/reply.js";
import type { ProviderRegistry } from "../providers/registry.js";
import { primed } from "./primed-stream.js";
import { targetOrder } from "./target-order.js";

/**
 * The end of the policy chain: tries the route's pool members in order until one answers.
 * Only failures before the first byte are retried; once a reply exists it is the client's.
 */
export function dispatch(providers: ProviderRegistry): Next {
  return async (ctx) => {
    const route = ctx.route;
    if (!route) throw new GatewayError("internal", "No route was resolved for this request.");
    const call = { operation: ctx.operation, path: ctx.operationPath, body: ctx.body, stream: ctx.stream, signal: ctx.signal, requestId: ctx.id };
    let last: GatewayError | undefined;
    let attempts = 0;
    for (const target of targetOrder(route.targets)) {
      attempts++;
      try {
        const result = await providers[target.resource.provider].send(call, target);
        const reply =
          result.kind === "json"
            ? Reply.json(result.status, result.body)
            : Reply.stream(await primed(result.events));
        if (result.kind === "json") reply.usage = result.usage;
        reply.target = target.id;
        reply.attempts = attempts;
        reply.headers["x-atrium-target"] = target.id;
        reply.headers["x-atrium-attempts"] = String(attempts);
        return reply;
      } catch (err) {
        const error = asGatewayError(err);
        if (!error.detail.retryable || ctx.signal.aborted) throw error;
        last = error;
      }
    }
    throw exhausted(route.pool, last, attempts);
  };
}

function exhausted(pool: string, last: GatewayError | undefined, attempts: number): GatewayError {
  if (!last) return new GatewayError("service_unavailable", `Pool ${pool} has no member that can serve this deployment.`);
  if (last.code === "rate_limited") {
    const retryAfterMs = last.detail.retryAfterMs ?? 1000;
    return new GatewayError("rate_limited", "Every member of this deployment's pool is at capacity; retry later.", {
      retryAfterMs,
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
    });
  }
  if (attempts === 1) return last;
  return new GatewayError("service_unavailable", `No member of pool ${pool} could serve the request: ${last.message}`, {
    headers: { "retry-after": "1" },
    cause: last,
  });
}
