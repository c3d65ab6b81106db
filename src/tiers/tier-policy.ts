import type { Consumer, Route } from "../core/catalog.js";
import { GatewayError } from "../core/errors.js";
import type { Policy } from "../core/policy.js";

/**
 * The tier's `allowedModels`: a route is open when every pool member serving it runs a model
 * the list names (deployment files' `model`). Decided once per route and config.
 */
export function tierPolicy(): Policy {
  const refusals = new WeakMap<Route, GatewayError | null>();
  return async (ctx, next) => {
    const route = ctx.route;
    const consumer = ctx.identity?.consumer;
    if (route === undefined || consumer === undefined) throw new GatewayError("internal", "tiers ran before resolve");
    let refusal = refusals.get(route);
    if (refusal === undefined) refusals.set(route, (refusal = refuse(consumer, route)));
    if (refusal !== null) throw refusal;
    return next(ctx);
  };
}

function refuse(consumer: Consumer, route: Route): GatewayError | null {
  const allowed = consumer.tier.allowedModels;
  if (allowed === undefined) return null;
  const outside = route.targets.map((t) => t.deployment.model).filter((m) => !allowed.includes(m));
  if (outside.length === 0) return null;
  return new GatewayError(
    "permission_denied",
    `The ${consumer.tier.name} tier of consumer ${consumer.name} does not include model ${outside[0]} (deployment '${route.outsideName}'); it allows: ${allowed.join(", ") || "none"}.`,
  );
}
