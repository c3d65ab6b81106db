import { z } from "zod";

/** atrium.yaml `limits:`; see docs/limits.md. */
export const LimitsSchema = z
  .object({
    /** Off: no token or request limits (budgets still apply). */
    enabled: z.boolean().default(true),
    /**
     * When the shared state (Redis) cannot be reached: `open` admits the request unlimited
     * (a warning and atrium_state_errors_total), `closed` refuses it with 503.
     */
    onStateError: z.enum(["open", "closed"]).default("open"),
    /**
     * dev and test together may use this share of a platform deployment's ceiling, so prod keeps
     * the rest: 1 turns the rule off, 0 shuts lower environments out.
     */
    lowerEnvironmentShare: z.number().min(0).max(1).default(0.5),
    /** Completion tokens reserved for chat/completions that set no max_tokens and whose tier sets no defaultMaxTokens. */
    defaultMaxTokens: z.number().int().min(1).default(1024),
  })
  .strict()
  .prefault({});
