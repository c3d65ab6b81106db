import { z } from "zod";

/**
 * Schemas of the tier ("product") settings: `tiers/*.yaml` files, the `tiers:` key of
 * atrium.yaml (default tier, per-consumer choice and overrides) and the budget shape that
 * tiers and `budgets.costCentres` share. See docs/limits.md.
 */
export const LOGGING_MODES = ["metadata", "redacted", "full", "off"] as const;

export const BudgetSchema = z
  .object({
    /** Per calendar month (UTC), in the price book's currency. */
    monthlyUsd: z.number().min(0),
    hard: z.boolean().default(false),
    /** Blank (e.g. an unset `${VAR}` while validating) means none. */
    alertWebhook: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).optional(),
    /** Fractions of monthlyUsd that send an alert, once per month each. */
    alertAt: z.array(z.number().gt(0).max(10)).min(1).default([0.8, 1]),
  })
  .strict();

export type BudgetFile = z.infer<typeof BudgetSchema>;

const TIER_NAME = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, '.', '_' or '-'");

/** The fields a tier sets and a consumer override may change. */
const TIER_FIELDS = {
  requestsPerMinute: z.number().int().min(0).optional(),
  defaultMaxTokens: z.number().int().min(1).optional(),
  loggingMode: z.enum(LOGGING_MODES).optional(),
  allowedModels: z.array(z.string().min(1)).optional(),
};

/** One `tiers/<name>.yaml`. `name`, when written, must be the file's name. */
export const TierFileSchema = z
  .object({
    name: TIER_NAME.optional(),
    description: z.string().optional(),
    ...TIER_FIELDS,
    budget: BudgetSchema.optional(),
  })
  .strict();

export type TierFile = z.infer<typeof TierFileSchema>;

/** `tiers.consumers.<name>`: a tier name, or a tier plus overrides (`budget: null` removes the tier's budget). */
export const TierChoiceSchema = z.union([
  TIER_NAME,
  z
    .object({
      tier: TIER_NAME.optional(),
      ...TIER_FIELDS,
      budget: BudgetSchema.nullable().optional(),
    })
    .strict(),
]);

export type TierChoice = z.infer<typeof TierChoiceSchema>;

/** atrium.yaml `tiers:`. */
export const TiersSettingsSchema = z
  .object({
    /** The tier of consumers that name none; absent = `default` if tiers/default.yaml exists, else no limits beyond the grant. */
    default: TIER_NAME.optional(),
    consumers: z.record(z.string().min(1), TierChoiceSchema).default({}),
  })
  .strict()
  .prefault({});
