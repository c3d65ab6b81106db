import type { Target } from "../core/catalog.js";
import type { RoutingState } from "./routing-state.js";

/**
 * The order to try a pool's members in, for one request. Members cooling after a 429 or with an
 * open circuit are left out. The rest go by tier (priority, then PTU before PAYG; numbered at
 * config load), with a weighted random permutation inside a tier so traffic splits by weight and
 * failover stays in the tier before it spills to the next. Members whose last answer showed no
 * headroom for this request come after all that do, in the same order: demoted, not dropped.
 */
export function targetOrder(
  targets: readonly Target[],
  state: RoutingState,
  nowMs: number,
  needTokens: number,
  random: () => number = Math.random,
): Target[] {
  const ready: Target[] = [];
  let strained: Target[] | undefined;
  for (const t of targets) {
    const health = state.peek(t.id);
    if (health === undefined) ready.push(t);
    else if (health.available(nowMs)) {
      if (health.strained(nowMs, needTokens)) (strained ??= []).push(t);
      else ready.push(t);
    }
  }
  shuffleTiers(ready, random);
  if (strained === undefined) return ready;
  shuffleTiers(strained, random);
  for (const t of strained) ready.push(t);
  return ready;
}

/** In place: each run of one tier becomes a weighted random permutation of itself. */
function shuffleTiers(list: Target[], random: () => number): void {
  let start = 0;
  while (start < list.length) {
    const tier = (list[start] as Target).tier;
    let end = start + 1;
    while (end < list.length && (list[end] as Target).tier === tier) end++;
    if (end - start > 1) weightedShuffle(list, start, end, random);
    start = end;
  }
}

/** Picks position `i` by weight among [i, end), swaps it in, repeats: O(n²) for the handful a tier holds. */
function weightedShuffle(list: Target[], start: number, end: number, random: () => number): void {
  for (let i = start; i < end - 1; i++) {
    let total = 0;
    for (let j = i; j < end; j++) total += (list[j] as Target).weight;
    let pick = random() * total;
    let chosen = end - 1;
    for (let j = i; j < end; j++) {
      pick -= (list[j] as Target).weight;
      if (pick < 0) {
        chosen = j;
        break;
      }
    }
    if (chosen !== i) {
      const tmp = list[i] as Target;
      list[i] = list[chosen] as Target;
      list[chosen] = tmp;
    }
  }
}
