import type { RequestContext } from "./context.js";
import type { Reply } from "./reply.js";

export type Next = (ctx: RequestContext) => Promise<Reply>;
export type Policy = (ctx: RequestContext, next: Next) => Promise<Reply>;

/** Folds policies around a terminal handler: the first policy is the outermost. */
export function chain(policies: readonly Policy[], terminal: Next): Next {
  return policies.reduceRight<Next>((next, policy) => (ctx) => policy(ctx, next), terminal);
}
