import type { Admission, LimitRule, Reservation } from "./limiter.js";
import { msToRefill } from "./token-bucket.js";

/**
 * Turns bucket levels into an Admission; shared by both backends so their answers and
 * headers agree. `levels` holds [tokens, requests] per rule (NaN where the rule has no
 * such limit): after the reservation when ok, as found when rejected.
 */
export function buildAdmission(
  rules: readonly LimitRule[],
  tokens: number,
  levels: ArrayLike<number>,
  reservation: Reservation | undefined,
): Admission {
  const admission: Admission = { ok: reservation !== undefined };
  if (reservation !== undefined) admission.reservation = reservation;
  let waitMs = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const tpm = rule.tokensPerMinute;
    if (tpm !== undefined) {
      const level = levels[2 * i]!;
      const remaining = level > 0 ? Math.floor(level) : 0;
      const resetMs = Math.ceil(msToRefill(level, tpm, tpm));
      // The headers describe the rule that binds first: least remaining, then longest reset.
      const prev = admission.remainingTokens;
      if (prev === undefined || remaining < prev || (remaining === prev && resetMs > admission.resetTokensMs!)) {
        admission.limitTokens = tpm;
        admission.remainingTokens = remaining;
        admission.resetTokensMs = resetMs;
      }
      if (reservation === undefined && level < tokens) {
        const ms = msToRefill(level, tokens, tpm);
        if (ms > waitMs) [waitMs, admission.rejectedKey] = [ms, rule.key];
      }
    }
    const rpm = rule.requestsPerMinute;
    if (rpm !== undefined) {
      const level = levels[2 * i + 1]!;
      const remaining = level > 0 ? Math.floor(level) : 0;
      const resetMs = Math.ceil(msToRefill(level, rpm, rpm));
      const prev = admission.remainingRequests;
      if (prev === undefined || remaining < prev || (remaining === prev && resetMs > admission.resetRequestsMs!)) {
        admission.limitRequests = rpm;
        admission.remainingRequests = remaining;
        admission.resetRequestsMs = resetMs;
      }
      if (reservation === undefined && level < 1) {
        const ms = msToRefill(level, 1, rpm);
        if (ms > waitMs) [waitMs, admission.rejectedKey] = [ms, rule.key];
      }
    }
  }
  // A rejection always waits > 0 (level < need); Infinity only for a zero-rate rule.
  if (reservation === undefined && Number.isFinite(waitMs)) admission.retryAfterMs = Math.max(1, Math.ceil(waitMs));
  return admission;
}
