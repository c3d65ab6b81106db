import { z } from "zod";
import { BudgetSchema } from "../../tiers/tier-schema.js";

/**
 * atrium.yaml `budgets:`: monthly budgets per cost centre (consumers' `costCentre`). A
 * consumer's own budget comes from its tier (tiers/*.yaml `budget`, or `tiers.consumers`).
 */
export const BudgetsSchema = z
  .object({
    costCentres: z.record(z.string().min(1), BudgetSchema).default({}),
    /** How long a webhook POST may take before it is abandoned (and logged). */
    alertTimeoutMs: z.number().int().min(100).max(60_000).default(5000),
  })
  .strict()
  .prefault({});
