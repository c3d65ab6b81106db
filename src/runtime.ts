import type { Config } from "./config/config.js";
import type { RequestContext } from "./core/context.js";
import { GatewayError } from "./core/errors.js";
import { chain, type Policy } from "./core/policy.js";
import { Reply } from "./core/reply.js";
import type { UsageSink } from "./core/usage-record.js";
import type { Runtime } from "./http/runtime.js";
import { meterPolicy, type RequestObserver } from "./metering/meter-policy.js";
import type { Logger } from "./observability/logger.js";
import type { GatewayMetrics } from "./observability/metrics.js";
import { authPolicy } from "./policies/auth/auth-policy.js";
import { bodyPolicy } from "./http/body-policy.js";
import type { AuthServices } from "./policies/auth/auth-services.js";
import type { Database } from "./store/database.js";
import { resolvePolicy } from "./policies/resolve/resolve-policy.js";
import { admissionPolicies } from "./policies/limit/admission-policies.js";
import { auditPolicy } from "./policies/audit/audit-policy.js";
import type { AuditSink } from "./audit/audit-sink.js";
import type { StateBackends } from "./state/open-state.js";
import type { ProviderRegistry } from "./providers/registry.js";
import { dispatch } from "./routing/dispatch.js";
import { safetyPolicy, safetyWanted } from "./policies/safety/safety-policy.js";
import type { SafetyEventLog } from "./safety/safety-events.js";
import type { RoutingState } from "./routing/routing-state.js";

export interface RuntimeDeps {
  readonly providers: ProviderRegistry;
  readonly usage: UsageSink;
  readonly log: Logger;
  /** Pool members' health; created once by the gateway so it survives reloads. */
  readonly routing: RoutingState;
  /** The one store connection (SQLite or PostgreSQL), opened by the gateway. */
  readonly database: Database;
  /** Key, JWKS and token caches that outlive reloads. */
  readonly auth: AuthServices;
  /** Prometheus registry; policies count what usage records cannot (e.g. `metrics.rejected`). */
  readonly metrics?: GatewayMetrics;
  /** Sees every request with its usage record: OpenTelemetry spans when tracing is on. */
  readonly trace?: RequestObserver;
  /** Limiter, budget counters and alert latch (memory or Redis); opened once by the gateway so counts survive reloads. */
  readonly state: StateBackends;
  /** The audit pipeline (outbox → workers → store); opened once by the gateway. None: no audit trail. */
  readonly audit?: AuditSink;
  /** Recent content-safety events for the admin API; outlives reloads. */
  readonly safetyEvents?: SafetyEventLog;
}

/** Wires one config into a policy chain. Rebuilt on reload; stores in `deps` outlive it. */
export function buildRuntime(config: Config, deps: RuntimeDeps): Runtime {
  const authenticators = deps.auth.forConfig(config).dataPlane;
  const auth = authPolicy(authenticators, config.environment);
  const policies: Policy[] = [meterPolicy(deps.usage, config.environment, deps.trace), auth, bodyPolicy, resolvePolicy(config.environment, config.consumers), ...admissionPolicies(config, deps)];
  // Innermost: only requests admitted to a model are audited; fail-closed refusals release their reservation.
  if (deps.audit) policies.push(auditPolicy(config, deps.audit));
  // Content safety last before dispatch: a refused prompt costs no upstream call and still gets its
  // audit record (with the categories); redaction happens before audit reads the prompt. Left out
  // when no route names a level.
  if (safetyWanted(config)) policies.push(safetyPolicy(config, { events: deps.safetyEvents, count: deps.metrics?.safety.bind(deps.metrics) }));
  const pipeline = chain(policies, dispatch(deps.providers, deps.routing));
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
