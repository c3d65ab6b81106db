import type { Environment, Route } from "../../core/catalog.js";
import type { Consumer } from "../../core/catalog.js";
import type { LimitRule } from "../../limits/limiter.js";

/** What bound a rejection; also the `scope` label of atrium_limiter_rejections_total. */
export type RuleScope = "consumer" | "deployment" | "lower_environment";

export interface PlannedRule {
  readonly rule: LimitRule;
  readonly scope: RuleScope;
  /** For messages: "gpt35 of consumer team-a in dev", "deployment chat-deploy". */
  readonly subject: string;
}

/** A route's limits in this gateway's environment, computed once per config (not per request). */
export interface LimitPlan {
  /** The tokenizer's model (the one the meter uses too, so the prompt is counted once). */
  readonly model: string;
  readonly rules: readonly LimitRule[];
  readonly byKey: ReadonlyMap<string, PlannedRule>;
  readonly defaultMaxTokens: number;
  /** The deployment ceiling (sum over the pool members hosting it); 0 = none declared. */
  readonly ceilingTokensPerMinute: number;
  /** The smallest token limit among the rules (Infinity if none): caps the default completion. */
  readonly minTokensPerMinute: number;
}

export interface LimitPlanSettings {
  readonly lowerEnvironmentShare: number;
  readonly defaultMaxTokens: number;
}

/**
 * Up to three rules, checked and charged together in one atomic reserve:
 * - the consumer's grant for this outside deployment in this environment (`thousandsOfTokens`
 *   × 1000 from the onboarding request) plus the tier's requests per minute;
 * - the platform deployment's ceiling: the sum of `thousandsOfTokensPerMinute` over the pool
 *   members that host it. Its key names those members, not the environment, so gateways of
 *   every environment sharing one Redis charge the same bucket;
 * - outside prod, the lower environments' share of that ceiling (one bucket for dev and test
 *   together), so prod always keeps the rest.
 */
export function limitPlan(consumer: Consumer, route: Route, environment: Environment, settings: LimitPlanSettings): LimitPlan {
  const planned: PlannedRule[] = [];
  const grant = route.environments[environment];
  const tier = consumer.tier;
  if (grant !== undefined || tier.requestsPerMinute !== undefined) {
    const rule: { key: string; tokensPerMinute?: number; requestsPerMinute?: number } = {
      key: `c|${consumer.name}|${route.outsideName}|${environment}`,
    };
    if (grant !== undefined) rule.tokensPerMinute = grant.tokensPerMinute;
    if (tier.requestsPerMinute !== undefined) rule.requestsPerMinute = tier.requestsPerMinute;
    planned.push({ rule, scope: "consumer", subject: `${route.outsideName} of consumer ${consumer.name} in ${environment}` });
  }
  const members = [...route.targets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ceiling = members.reduce((sum, t) => sum + t.deployment.tokensPerMinute, 0);
  const hosts = members.map((t) => t.id).join(",");
  // 0 means no capacity was declared, not "nothing may pass".
  if (ceiling > 0) {
    planned.push({ rule: { key: `deploy|${hosts}`, tokensPerMinute: ceiling }, scope: "deployment", subject: `deployment ${route.platformDeployment}` });
    if (environment !== "prod" && settings.lowerEnvironmentShare < 1) {
      planned.push({
        rule: { key: `deploy-lower|${hosts}`, tokensPerMinute: Math.floor(ceiling * settings.lowerEnvironmentShare) },
        scope: "lower_environment",
        subject: `the dev and test share of deployment ${route.platformDeployment}`,
      });
    }
  }
  return {
    model: route.model,
    rules: planned.map((p) => p.rule),
    byKey: new Map(planned.map((p) => [p.rule.key, p])),
    defaultMaxTokens: tier.defaultMaxTokens ?? settings.defaultMaxTokens,
    ceilingTokensPerMinute: ceiling,
    minTokensPerMinute: Math.min(...planned.map((p) => p.rule.tokensPerMinute ?? Infinity)),
  };
}
