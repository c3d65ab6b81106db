import type { Route } from "../core/catalog.js";
import { GatewayError } from "../core/errors.js";
import type { RoutingState } from "./routing-state.js";

/**
 * The answer when no member of the pool served. 429 when every member is out of capacity (cooling
 * after a 429, or answered 429 just now); otherwise 503. Both say when to come back: the soonest
 * moment any member may be asked again, at least a second.
 */
export function noMemberError(route: Route, state: RoutingState, nowMs: number, limited: ReadonlySet<string> | undefined, last: GatewayError | undefined, attempts: number): GatewayError {
  let allFull = true;
  let soonestMs = Number.POSITIVE_INFINITY;
  for (const t of route.targets) {
    const health = state.peek(t.id);
    const full = health?.cooling(nowMs) === true || limited?.has(t.id) === true;
    if (!full) allFull = false;
    soonestMs = Math.min(soonestMs, health?.waitMs(nowMs) ?? 0);
  }
  if (!Number.isFinite(soonestMs)) soonestMs = 1000;
  const seconds = Math.max(1, Math.ceil(soonestMs / 1000));
  const headers = { "retry-after": String(seconds), "retry-after-ms": String(Math.max(1000, Math.ceil(soonestMs))), "x-atrium-attempts": String(attempts) };
  if (allFull) {
    return new GatewayError("rate_limited", "Every member of this deployment's pool is at capacity; retry after the time in retry-after.", {
      retryAfterMs: seconds * 1000,
      attempts,
      headers,
      cause: last,
    });
  }
  // Each member and why: an operator reading the 503 knows which upstream to look at.
  const members = route.targets.map((t) => state.peek(t.id)?.describe(nowMs) ?? `${t.id}: not tried`);
  const why = members.length > 0 ? `: ${members.join("; ")}` : last ? `: ${last.message}` : "";
  return new GatewayError("service_unavailable", `No member of pool ${route.pool} could serve the request${why}`, { headers, retryAfterMs: seconds * 1000, attempts, cause: last });
}
