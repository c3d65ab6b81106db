import { buildAdmission } from "./build-admission.js";
import type { Admission, LimitRule, Limiter, Reservation } from "./limiter.js";
import { isAdmission, sanitizeActual, screenReserve } from "./limiter.js";
import { type Bucket, levelAt, storeLevel } from "./token-bucket.js";

interface KeyState {
  tokens: Bucket | undefined;
  requests: Bucket | undefined;
}

export interface MemoryLimiter extends Limiter {
  /** Keys holding state (not yet refilled and swept); for tests and metrics. */
  readonly size: number;
}

/** Entries looked at per reserve: O(1) work, yet a full pass every size/SWEEP_PER_OP calls. */
const SWEEP_PER_OP = 4;

/**
 * One process's limiter. JavaScript runs each call to completion, so check-and-reserve
 * across all rules is atomic without locks. No timers: full buckets are dropped by a
 * cursor that advances a few entries per reserve (a full bucket equals an absent one).
 */
export function memoryLimiter(clock: () => number = Date.now): MemoryLimiter {
  const states = new Map<string, KeyState>();
  const settled = new WeakSet<Reservation>();
  let cursor: Iterator<[string, KeyState]> = states.entries();
  let nextId = 0;
  const idPrefix = `m${process.pid.toString(36)}.${Date.now().toString(36)}.`;

  function sweep(nowMs: number): void {
    for (let i = 0; i < SWEEP_PER_OP; i++) {
      let step = cursor.next();
      if (step.done === true) {
        cursor = states.entries();
        step = cursor.next();
        if (step.done === true) return;
      }
      const [key, state] = step.value;
      if ((state.tokens?.fullAtMs ?? 0) <= nowMs && (state.requests?.fullAtMs ?? 0) <= nowMs) states.delete(key);
    }
  }

  /** Adds to each rule's buckets (refilled to now), capped at capacity; reconcile and release. */
  function adjust(rules: readonly LimitRule[], tokenAdd: number, requestAdd: number): void {
    const nowMs = clock();
    for (const rule of rules) {
      const tpm = rule.tokensPerMinute;
      const rpm = rule.requestsPerMinute;
      const state = states.get(rule.key) ?? { tokens: undefined, requests: undefined };
      if (tpm !== undefined && tokenAdd !== 0) {
        state.tokens = storeLevel(state.tokens, levelAt(state.tokens, tpm, nowMs) + tokenAdd, tpm, nowMs);
      }
      if (rpm !== undefined && requestAdd !== 0) {
        state.requests = storeLevel(state.requests, levelAt(state.requests, rpm, nowMs) + requestAdd, rpm, nowMs);
      }
      if (state.tokens === undefined && state.requests === undefined) states.delete(rule.key);
      else states.set(rule.key, state);
    }
  }

  let closed = false;
  return {
    get size() {
      return states.size;
    },

    async reserve(rules, tokens): Promise<Admission> {
      if (closed) throw new Error("limiter is closed");
      const screened = screenReserve(rules, tokens);
      if (isAdmission(screened)) return screened;
      const active = screened;
      const nowMs = clock();
      sweep(nowMs);
      const levels = new Array<number>(active.length * 2);
      let fits = true;
      for (let i = 0; i < active.length; i++) {
        const rule = active[i]!;
        const state = states.get(rule.key);
        const tpm = rule.tokensPerMinute;
        const rpm = rule.requestsPerMinute;
        const t = tpm === undefined ? NaN : levelAt(state?.tokens, tpm, nowMs);
        const r = rpm === undefined ? NaN : levelAt(state?.requests, rpm, nowMs);
        if (t < tokens || r < 1) fits = false;
        levels[2 * i] = t;
        levels[2 * i + 1] = r;
      }
      if (!fits) return buildAdmission(active, tokens, levels, undefined);
      for (let i = 0; i < active.length; i++) {
        const rule = active[i]!;
        let state = states.get(rule.key);
        if (state === undefined) states.set(rule.key, (state = { tokens: undefined, requests: undefined }));
        if (rule.tokensPerMinute !== undefined) {
          const level = (levels[2 * i] = levels[2 * i]! - tokens);
          state.tokens = storeLevel(state.tokens, level, rule.tokensPerMinute, nowMs);
        }
        if (rule.requestsPerMinute !== undefined) {
          const level = (levels[2 * i + 1] = levels[2 * i + 1]! - 1);
          state.requests = storeLevel(state.requests, level, rule.requestsPerMinute, nowMs);
        }
      }
      const reservation: Reservation = { id: idPrefix + (nextId++).toString(36), rules: active, tokens, atMs: nowMs };
      return buildAdmission(active, tokens, levels, reservation);
    },

    async reconcile(reservation, actualTokens) {
      if (settled.has(reservation)) return;
      settled.add(reservation);
      adjust(reservation.rules, reservation.tokens - sanitizeActual(reservation.tokens, actualTokens), 0);
    },

    async release(reservation) {
      if (settled.has(reservation)) return;
      settled.add(reservation);
      adjust(reservation.rules, reservation.tokens, 1);
    },

    async close() {
      closed = true;
      states.clear();
    },
  };
}
