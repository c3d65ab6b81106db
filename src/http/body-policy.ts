import type { Policy } from "../core/policy.js";

/**
 * Right after auth: the request body is read, parsed and checked only for a caller whose
 * credential was verified, so an anonymous 10 MB body costs a header parse and a 401, not a
 * parse. The OpenAI surface's `model` (the deployment) is known from here on.
 */
export const bodyPolicy: Policy = async (ctx, next) => {
  await ctx.loadBody(ctx);
  return next(ctx);
};
