import type { RequestContext } from "../../core/context.js";

/**
 * Completion tokens a request may produce, reserved before it runs: `max_completion_tokens`
 * or `max_tokens`, else the default (tier `defaultMaxTokens`, else `limits.defaultMaxTokens`),
 * times the choices generated (`n`, and `best_of` for completions). Embeddings and passthrough
 * routes produce none.
 */
export function completionAllowance(ctx: RequestContext, defaultMaxTokens: number): number {
  if (ctx.operation === "embeddings" || ctx.operation === "passthrough") return 0;
  const body = ctx.body;
  // validate-body has checked these are positive integers when present.
  const asked = body["max_completion_tokens"] ?? body["max_tokens"];
  const perChoice = typeof asked === "number" ? asked : defaultMaxTokens;
  const n = typeof body["n"] === "number" ? body["n"] : 1;
  const bestOf = ctx.operation === "completions" && typeof body["best_of"] === "number" ? body["best_of"] : 1;
  return perChoice * Math.max(1, n, bestOf);
}
