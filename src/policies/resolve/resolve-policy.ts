import type { Consumer, Environment } from "../../core/catalog.js";
import { bounded } from "../../core/bounded.js";
import { GatewayError } from "../../core/errors.js";
import type { Policy } from "../../core/policy.js";

/**
 * The consumer's outside deployment name → its mapping → platform deployment and pool, gated by
 * the environment this gateway serves and the moment the consumer's request goes live there.
 */
export function resolvePolicy(
  environment: Environment,
  consumers: ReadonlyMap<string, Consumer>,
  now: () => number = Date.now,
): Policy {
  // Names the platform maps for some consumer: calling one outside your own mapping is forbidden
  // (403); a name nobody has is unknown (404), as OpenAI answers for a model that does not exist.
  const mapped = new Set<string>();
  for (const consumer of consumers.values()) for (const name of consumer.routes.keys()) mapped.add(name);
  return async (ctx, next) => {
    const identity = ctx.identity;
    if (!identity) throw new GatewayError("internal", "resolve ran before auth");
    const route = identity.consumer.routes.get(ctx.outsideName);
    if (!route && mapped.has(ctx.outsideName)) {
      throw new GatewayError(
        "permission_denied",
        `The deployment '${bounded(ctx.outsideName)}' is not in ${identity.consumer.name}'s mapping.`,
        { param: ctx.surface === "openai" ? "model" : undefined },
      );
    }
    if (!route) {
      throw new GatewayError(
        "model_not_found",
        `The deployment '${bounded(ctx.outsideName)}' does not exist or this consumer has no access to it.`,
        { param: ctx.surface === "openai" ? "model" : undefined },
      );
    }
    const grant = route.environments[environment];
    if (!grant) {
      throw new GatewayError(
        "permission_denied",
        `The deployment '${bounded(ctx.outsideName)}' is not granted to ${identity.consumer.name} in the ${environment} environment.`,
      );
    }
    if (now() < grant.liveAtMs) {
      const when = Number.isFinite(grant.liveAtMs) ? new Date(grant.liveAtMs).toISOString() : "a date not yet set";
      throw new GatewayError(
        "deployment_not_live",
        `The deployment '${bounded(ctx.outsideName)}' goes live in ${environment} at ${when}.`,
      );
    }
    if (route.targets.length === 0) {
      throw new GatewayError("service_unavailable", `No member of pool ${route.pool} hosts '${route.platformDeployment}'.`);
    }
    ctx.route = route;
    return next(ctx);
  };
}
