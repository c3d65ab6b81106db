import type { Config } from "./config/config.js";
import type { RequestContext } from "./core/context.js";
import { GatewayError } from "./core/errors.js";
import { chain, type Policy } from "./core/policy.js";
import { Reply } from "./core/reply.js";
import type { UsageSink } from "./core/usage-record.js";
import type { Runtime } from "./http/runtime.js";
import { meterPolicy } from "./metering/meter-policy.js";
import type { Logger } from "./observability/logger.js";
import { authPolicy } from "./policies/auth/auth-policy.js";
import { staticKeyAuthenticator } from "./policies/auth/static-keys.js";
import { resolvePolicy } from "./policies/resolve/resolve-policy.js";
import type { ProviderRegistry } from "./providers/registry.js";
import { dispatch } from "./routing/dispatch.js";

export interface RuntimeDeps {
  readonly providers: ProviderRegistry;
  readonly usage: UsageSink;
  readonly log: Logger;
}

/** Wires one config into a policy chain. Rebuilt on reload; stores in `deps` outlive it. */
export function buildRuntime(config: Config, deps: RuntimeDeps): Runtime {
  const authenticators = [staticKeyAuthenticator(config.staticKeys, config.consumers, config.environment)];
  const auth = authPolicy(authenticators, config.environment);
  const policies: Policy[] = [meterPolicy(deps.usage, config.environment), auth, resolvePolicy(config.environment)];
  const pipeline = chain(policies, dispatch(deps.providers));
  return {
    config,
    pipeline,
    async identify(ctx: RequestContext) {
      await auth(ctx, async () => Reply.json(200, ""));
      if (!ctx.identity) throw new GatewayError("invalid_api_key", "The API key or token is not valid.");
      return ctx.identity;
    },
  };
}
