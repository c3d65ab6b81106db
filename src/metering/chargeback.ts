import type { ChargeableRow, ReportGrouping } from "../store/usage/usage-store.js";
import type { PriceBook } from "./price-book.js";

export interface ChargebackLine {
  readonly key: string;
  readonly requests: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly totalTokens: number;
  /** PAYG tokens at list price. */
  readonly paygCost: number;
  /** This line's share of PTU deployments' fixed cost. */
  readonly ptuCost: number;
  readonly cost: number;
  /** PAYG tokens of models without a price: not in `cost`. */
  readonly unpricedTokens: number;
}

export interface PtuAllocation {
  readonly deployment: string;
  readonly hourlyCost: number;
  readonly hours: number;
  readonly cost: number;
  readonly tokens: number;
  readonly shares: ReadonlyArray<{ readonly key: string; readonly tokens: number; readonly cost: number }>;
}

export interface Chargeback {
  readonly currency: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly hours: number;
  readonly by: ReportGrouping;
  readonly lines: readonly ChargebackLine[];
  readonly total: ChargebackLine;
  readonly ptu: readonly PtuAllocation[];
  readonly warnings: readonly string[];
}

export const NO_KEY = "(none)";
export const UNALLOCATED = "(unallocated)";

type Acc = { -readonly [K in keyof ChargebackLine]: ChargebackLine[K] };

/**
 * Prices a period. PAYG tokens cost their list price. A PTU deployment costs its hourly price for
 * every hour of the period, used or not, and that cost is split between the groups by their share
 * of the tokens it served in the period; a PTU nobody used is charged to `(unallocated)`.
 */
export function computeChargeback(rows: readonly ChargeableRow[], book: PriceBook, fromMs: number, toMs: number, by: ReportGrouping): Chargeback {
  const hours = (toMs - fromMs) / 3_600_000;
  const lines = new Map<string, Acc>();
  const line = (key: string): Acc => {
    let l = lines.get(key);
    if (!l) lines.set(key, (l = empty(key)));
    return l;
  };
  const ptuTokens = new Map<string, Map<string, number>>();
  const unpriced = new Set<string>();
  for (const r of rows) {
    const key = r.key ?? NO_KEY;
    const l = line(key);
    l.requests += r.requests;
    l.promptTokens += r.promptTokens;
    l.completionTokens += r.completionTokens;
    l.cachedTokens += r.cachedTokens;
    l.totalTokens += r.totalTokens;
    if (r.deploymentType === "PTU" && r.target) {
      const byKey = ptuTokens.get(r.target) ?? new Map<string, number>();
      byKey.set(key, (byKey.get(key) ?? 0) + r.totalTokens);
      ptuTokens.set(r.target, byKey);
      continue;
    }
    const cost = book.tokenCost(r.model, r.modelVersion, r);
    if (cost !== undefined) l.paygCost += cost;
    else if (r.totalTokens > 0) {
      l.unpricedTokens += r.totalTokens;
      unpriced.add(r.modelVersion ? `${r.model ?? "?"}@${r.modelVersion}` : (r.model ?? "?"));
    }
  }

  const warnings = [...unpriced].sort().map((m) => `no price for model ${m}: its tokens are not in the cost`);
  const ptu: PtuAllocation[] = [];
  const deployments = new Set([...book.hourlyCosts.keys(), ...ptuTokens.keys()]);
  for (const deployment of [...deployments].sort()) {
    const byKey = ptuTokens.get(deployment) ?? new Map<string, number>();
    const hourlyCost = book.hourlyCosts.get(deployment);
    const tokens = [...byKey.values()].reduce((a, b) => a + b, 0);
    if (hourlyCost === undefined) {
      warnings.push(`PTU deployment ${deployment} served ${tokens} tokens but has no hourlyCost`);
      continue;
    }
    const cost = hourlyCost * hours;
    const shares = tokens === 0 ? [{ key: UNALLOCATED, tokens: 0, cost }] : [...byKey].map(([key, t]) => ({ key, tokens: t, cost: (cost * t) / tokens }));
    for (const s of shares) line(s.key).ptuCost += s.cost;
    ptu.push({ deployment, hourlyCost, hours, cost: round(cost), tokens, shares: shares.map((s) => ({ ...s, cost: round(s.cost) })) });
  }

  const total = empty("total");
  const out: ChargebackLine[] = [];
  for (const l of [...lines.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    l.cost = l.paygCost + l.ptuCost;
    for (const k of ["requests", "promptTokens", "completionTokens", "cachedTokens", "totalTokens", "paygCost", "ptuCost", "cost", "unpricedTokens"] as const) total[k] += l[k];
    out.push(rounded(l));
  }
  return { currency: book.currency, fromMs, toMs, hours, by, lines: out, total: rounded(total), ptu, warnings };
}

function empty(key: string): Acc {
  return { key, requests: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, totalTokens: 0, paygCost: 0, ptuCost: 0, cost: 0, unpricedTokens: 0 };
}

function rounded(l: Acc): ChargebackLine {
  return { ...l, paygCost: round(l.paygCost), ptuCost: round(l.ptuCost), cost: round(l.cost) };
}

/** Money to a millionth: exact enough for any currency, free of float noise in reports. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
