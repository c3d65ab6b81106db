import type { Pool, Target } from "../core/catalog.js";
import type { PoolFile } from "./pool-schema.js";
import { PoolSchema } from "./pool-schema.js";

/** A pool's settings as routing reads them; a pool config does not name gets the defaults. */
export function buildPool(name: string, file: PoolFile | undefined): Pool {
  const f = file ?? PoolSchema.parse([{ resource: "-" }]);
  return {
    name,
    maxAttempts: f.retry.maxAttempts,
    deadlineMs: f.retry.deadlineMs,
    timeouts: { ...f.timeouts, totalMs: f.timeouts.totalMs },
    breaker: { ...f.breaker },
    ptuFirst: f.ptuFirst,
  };
}

/**
 * Orders a pool's members for one deployment and numbers their tiers once, at load: priority
 * first, then (with `ptuFirst`) PTU before PAYG, since prepaid capacity costs nothing extra to use.
 */
export function rankTargets(members: readonly Omit<Target, "tier">[], pool: Pool): Target[] {
  const typeRank = (t: Omit<Target, "tier">): number => (pool.ptuFirst && t.deployment.type !== "PTU" ? 1 : 0);
  const sorted = members.slice().sort((a, b) => a.priority - b.priority || typeRank(a) - typeRank(b));
  let tier = -1;
  let prev: Omit<Target, "tier"> | undefined;
  return sorted.map((t) => {
    if (!prev || prev.priority !== t.priority || typeRank(prev) !== typeRank(t)) tier++;
    prev = t;
    return { ...t, tier };
  });
}
