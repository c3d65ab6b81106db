import type { Target } from "../core/catalog.js";

/**
 * The order to try a pool's members in: lowest priority number first; within one priority a
 * weighted random permutation, so traffic splits by weight and failover stays inside the tier
 * before it spills to the next.
 */
export function targetOrder(targets: readonly Target[], random: () => number = Math.random): Target[] {
  if (targets.length <= 1) return targets.slice();
  const out: Target[] = [];
  let i = 0;
  while (i < targets.length) {
    const priority = (targets[i] as Target).priority;
    const tier: Target[] = [];
    while (i < targets.length && (targets[i] as Target).priority === priority) tier.push(targets[i++] as Target);
    out.push(...weightedShuffle(tier, random));
  }
  return out;
}

function weightedShuffle(tier: Target[], random: () => number): Target[] {
  if (tier.length === 1) return tier;
  const left = tier.slice();
  const out: Target[] = [];
  while (left.length > 0) {
    const total = left.reduce((sum, t) => sum + t.weight, 0);
    let pick = random() * total;
    let index = left.length - 1;
    for (let j = 0; j < left.length; j++) {
      pick -= (left[j] as Target).weight;
      if (pick < 0) {
        index = j;
        break;
      }
    }
    out.push(...left.splice(index, 1));
  }
  return out;
}
