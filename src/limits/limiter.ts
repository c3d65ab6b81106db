/**
 * The limiter contract shared by the memory and Redis backends. Both run the same token
 * bucket (see token-bucket.ts and docs/limits.md) and must behave identically; the test
 * suite in test/limits/limiter-suite.ts runs against both.
 */

/** One budget a request must fit in, e.g. `consumer-1|gpt35|dev`. An absent limit is no limit. */
export interface LimitRule {
  readonly key: string;
  readonly tokensPerMinute?: number;
  readonly requestsPerMinute?: number;
}

export interface Admission {
  ok: boolean;
  /** Figures of the rule with the least remaining (per dimension), for x-ratelimit-* headers. */
  limitTokens?: number;
  remainingTokens?: number;
  /** Time until the constraining token bucket is full again. */
  resetTokensMs?: number;
  limitRequests?: number;
  remainingRequests?: number;
  resetRequestsMs?: number;
  /** When !ok and not tooLarge: when the rejecting buckets will hold enough again. A hint, not a promise. */
  retryAfterMs?: number;
  /** Which rule rejected (the one needing the longest wait). */
  rejectedKey?: string;
  /** The request can never fit: it asks more than a rule's whole per-minute budget. */
  tooLarge?: boolean;
  /** When ok: the handle for reconcile or release. */
  reservation?: Reservation;
}

export interface Reservation {
  readonly id: string;
  readonly rules: readonly LimitRule[];
  readonly tokens: number;
  /** When it was taken, by the limiter's clock (Redis without a clock option: the server's TIME). */
  readonly atMs: number;
}

export interface Limiter {
  /** Atomically checks ALL rules and reserves `tokens` and one request in each, or reserves nothing. */
  reserve(rules: readonly LimitRule[], tokens: number): Promise<Admission>;
  /**
   * Replaces the reserved amount by the actual usage, which may exceed what is left (the
   * bucket goes negative and the next requests pay). Never refuses; a second settle of the
   * same reservation is a no-op.
   */
  reconcile(reservation: Reservation, actualTokens: number): Promise<void>;
  /** Gives the tokens and the request back (the request failed before using any token). */
  release(reservation: Reservation): Promise<void>;
  close(): Promise<void>;
}

/**
 * Input checks common to both backends, run before touching any state. Returns the
 * rules that constrain anything, or a final Admission when the request can never fit
 * (a rejection that needs no state, so Redis is not even asked).
 */
export function screenReserve(rules: readonly LimitRule[], tokens: number): readonly LimitRule[] | Admission {
  if (!Number.isFinite(tokens) || tokens < 0) throw new TypeError(`tokens must be a finite number ≥ 0, got ${tokens}`);
  let active: LimitRule[] | undefined;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    for (let j = 0; j < i; j++) {
      // Two rules on one key would be checked against the same state but charged twice.
      if (rules[j]!.key === rule.key) throw new TypeError(`duplicate limit rule key ${rule.key}`);
    }
    const tpm = rule.tokensPerMinute;
    const rpm = rule.requestsPerMinute;
    // NaN or a negative limit would silently poison the bucket arithmetic.
    if (!((tpm ?? 0) >= 0 && (rpm ?? 0) >= 0)) throw new TypeError(`limits of ${rule.key} must be numbers ≥ 0`);
    if (tpm !== undefined && tokens > tpm) return tooLarge(rule);
    if (rpm !== undefined && rpm < 1) return tooLarge(rule);
    if (tpm === undefined && rpm === undefined) {
      active ??= rules.slice(0, i);
      continue;
    }
    active?.push(rule);
  }
  // A copy: the reservation keeps these rules, and the caller's array may be reused.
  return active ?? rules.slice();
}

function tooLarge(rule: LimitRule): Admission {
  const admission: Admission = { ok: false, tooLarge: true, rejectedKey: rule.key };
  if (rule.tokensPerMinute !== undefined) admission.limitTokens = rule.tokensPerMinute;
  if (rule.requestsPerMinute !== undefined) admission.limitRequests = rule.requestsPerMinute;
  return admission;
}

/** Reconcile must never throw, so nonsense usage is read as "as reserved" (NaN) or 0 (negative). */
export function sanitizeActual(reserved: number, actual: number): number {
  if (!Number.isFinite(actual)) return reserved;
  return actual < 0 ? 0 : actual;
}

/** Narrows screenReserve's answer (Array.isArray does not narrow readonly arrays). */
export function isAdmission(screened: readonly LimitRule[] | Admission): screened is Admission {
  return !Array.isArray(screened);
}
