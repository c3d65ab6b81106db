/**
 * Monthly spend per key, in integer micro-USD (no float drift when summing millions of
 * small charges). This is the enforcement counter, not the ledger: usage records in
 * store/ stay the source of truth for billing.
 *
 * A hard budget works like the token limiter: hold the request's maximum cost, then settle
 * to the actual cost. The counter keeps the two apart: `settled` (what requests cost) and
 * `held` (the maxima of requests in flight), so a refusal can say whether the month is spent
 * or only held. reserve admits while settled + held is under the limit, atomically, so under
 * any concurrency settled spend passes the limit by less than the last admitted request's
 * maximum cost (docs/limits.md, "The budget's invariant", has the argument).
 */
export interface BudgetCounter {
  /** Adds a cost (negative refunds) to the settled spend and returns the month's total. */
  charge(key: string, month: string, amountMicroUsd: number): Promise<number>;
  /** The month's total: settled spend plus holds in flight. */
  spent(key: string, month: string): Promise<number>;
  /**
   * Holds maxMicroUsd if settled + held is under limitMicroUsd. The answer gives the state
   * after the hold, or as found when refused (nothing changes then).
   */
  reserve(key: string, month: string, maxMicroUsd: number, limitMicroUsd: number): Promise<BudgetAnswer>;
  /** Replaces a hold by the actual cost (0 releases it) and returns the month's new total. */
  settle(key: string, month: string, reservedMicroUsd: number, actualMicroUsd: number): Promise<number>;
  close(): Promise<void>;
}

export interface BudgetAnswer {
  readonly ok: boolean;
  /** What settled requests and charges cost this month. */
  readonly settled: number;
  /** The maximum cost of requests in flight. */
  readonly held: number;
}

/** The budget month of an instant, in UTC: "2025-06". */
export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

export function checkAmounts(month: string, ...amounts: number[]): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new TypeError(`month must look like 2025-06, got ${month}`);
  for (const a of amounts) if (!Number.isSafeInteger(a)) throw new TypeError(`amounts are integer micro-USD, got ${a}`);
}

interface Counts {
  settled: number;
  held: number;
}

/**
 * One process's counters. Only the two latest months are kept (this month, and last month
 * for settles that straddle midnight); older ones are dropped when a newer one appears.
 */
export function memoryBudgetCounter(): BudgetCounter {
  const months = new Map<string, Map<string, Counts>>();
  const countsOf = (key: string, month: string): Counts => {
    let totals = months.get(month);
    if (totals === undefined) {
      months.set(month, (totals = new Map()));
      // "YYYY-MM" sorts as time does.
      while (months.size > 2) months.delete([...months.keys()].sort()[0]!);
    }
    let counts = totals.get(key);
    if (counts === undefined) totals.set(key, (counts = { settled: 0, held: 0 }));
    return counts;
  };
  const NONE: Counts = { settled: 0, held: 0 };
  const peek = (key: string, month: string): Counts => months.get(month)?.get(key) ?? NONE;
  return {
    async charge(key, month, amount) {
      checkAmounts(month, amount);
      const c = countsOf(key, month);
      c.settled += amount;
      return c.settled + c.held;
    },
    async spent(key, month) {
      checkAmounts(month);
      const c = peek(key, month);
      return c.settled + c.held;
    },
    async reserve(key, month, max, limit) {
      checkAmounts(month, max, limit);
      const found = peek(key, month);
      if (found.settled + found.held >= limit) return { ok: false, settled: found.settled, held: found.held };
      const c = countsOf(key, month);
      c.held += max;
      return { ok: true, settled: c.settled, held: c.held };
    },
    async settle(key, month, reserved, actual) {
      checkAmounts(month, reserved, actual);
      const c = countsOf(key, month);
      c.settled += actual;
      c.held = Math.max(0, c.held - reserved);
      return c.settled + c.held;
    },
    async close() {
      months.clear();
    },
  };
}
