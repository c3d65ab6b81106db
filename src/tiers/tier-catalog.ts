import type { Budget, ConsumerTier } from "../core/catalog.js";
import type { ParsedTier } from "./read-tiers.js";
import type { BudgetFile, TierChoice, TierFile } from "./tier-schema.js";

/** The tier of a consumer that has none: nothing beyond its onboarding grant. */
export const NO_TIER: ConsumerTier = Object.freeze({
  name: "default",
  requestsPerMinute: undefined,
  defaultMaxTokens: undefined,
  loggingMode: "metadata",
  allowedModels: undefined,
  budget: undefined,
});

export interface TierSettings {
  readonly default?: string | undefined;
  readonly consumers: Readonly<Record<string, TierChoice>>;
}

export interface TierCatalog {
  /** The consumer's tier, with its atrium.yaml overrides applied. `fileTier` is the consumer file's `tier`. */
  forConsumer(consumer: string, fileTier: string | undefined): ConsumerTier;
}

/**
 * Which tier a consumer gets, first match wins: `tiers.consumers.<name>` in atrium.yaml (the
 * platform team's decision), the consumer file's own `tier`, `tiers.default`, a tier file named
 * `default`, the built-in NO_TIER. Overrides in `tiers.consumers.<name>` replace single fields.
 * Only called on checked files (check-tiers.ts reports unknown names), so lookups succeed.
 */
export function tierCatalog(settings: TierSettings | undefined, files: readonly ParsedTier[]): TierCatalog {
  const byName = new Map(files.map((t) => [t.name, tierOf(t.name, t.data)]));
  const fallback = (settings?.default === undefined ? undefined : byName.get(settings.default)) ?? byName.get("default") ?? NO_TIER;
  return {
    forConsumer(consumer, fileTier) {
      const choice = settings?.consumers[consumer];
      const chosen = typeof choice === "string" ? choice : choice?.tier;
      const base = byName.get(chosen ?? fileTier ?? "") ?? fallback;
      if (choice === undefined || typeof choice === "string") return base;
      return {
        name: base.name,
        requestsPerMinute: choice.requestsPerMinute ?? base.requestsPerMinute,
        defaultMaxTokens: choice.defaultMaxTokens ?? base.defaultMaxTokens,
        loggingMode: choice.loggingMode ?? base.loggingMode,
        allowedModels: choice.allowedModels ?? base.allowedModels,
        budget: choice.budget === null ? undefined : choice.budget === undefined ? base.budget : budgetOf(choice.budget),
      };
    },
  };
}

function tierOf(name: string, t: TierFile): ConsumerTier {
  return {
    name,
    requestsPerMinute: t.requestsPerMinute,
    defaultMaxTokens: t.defaultMaxTokens,
    loggingMode: t.loggingMode ?? "metadata",
    allowedModels: t.allowedModels,
    budget: t.budget === undefined ? undefined : budgetOf(t.budget),
  };
}

export function budgetOf(b: BudgetFile): Budget {
  return {
    monthlyUsd: b.monthlyUsd,
    hard: b.hard,
    alertWebhook: b.alertWebhook === "" ? undefined : b.alertWebhook,
    alertAt: [...new Set(b.alertAt)].sort((x, y) => x - y),
  };
}
