import { CircuitBreaker, type BreakerSettings } from "./circuit-breaker.js";

/** How long a member's last `x-ratelimit-remaining-*` counts as current. */
export const HEADROOM_TTL_MS = 5_000;
/** A 429 without retry-after cools its member this long; any retry-after is capped at the max. */
export const DEFAULT_COOL_MS = 1_000;
export const MAX_COOL_MS = 600_000;

/**
 * What routing knows about one pool member (one target id), kept across config reloads: its
 * circuit, when it may be asked again after a 429, and the capacity it last reported.
 */
export class MemberHealth {
  readonly breaker = new CircuitBreaker();
  coolUntil = 0;
  /** When it last answered a request (success or 429): a member that answers is not down. */
  answeredAtMs = Number.NEGATIVE_INFINITY;
  private seenAt = Number.NEGATIVE_INFINITY;
  private remainingTokens = Number.POSITIVE_INFINITY;
  private remainingRequests = Number.POSITIVE_INFINITY;

  /** Not cooling after a 429, and the circuit lets a request through. */
  available(nowMs: number): boolean {
    return nowMs >= this.coolUntil && this.breaker.allows(nowMs);
  }

  acquire(nowMs: number): boolean {
    return nowMs >= this.coolUntil && this.breaker.acquire(nowMs);
  }

  cooling(nowMs: number): boolean {
    return nowMs < this.coolUntil;
  }

  /** ms until this member could be asked again. */
  waitMs(nowMs: number): number {
    return Math.max(this.coolUntil - nowMs, this.breaker.waitMs(nowMs), 0);
  }

  /** Its last answer said it is out of requests, or has fewer tokens left than this request needs. */
  strained(nowMs: number, needTokens: number): boolean {
    return nowMs - this.seenAt < HEADROOM_TTL_MS && (this.remainingRequests < 1 || this.remainingTokens < needTokens);
  }

  succeeded(nowMs: number, headers: Readonly<Record<string, string>>): void {
    this.breaker.succeeded();
    this.answeredAtMs = nowMs;
    const tokens = headers["x-ratelimit-remaining-tokens"];
    const requests = headers["x-ratelimit-remaining-requests"];
    if (tokens === undefined && requests === undefined) return;
    this.seenAt = nowMs;
    this.remainingTokens = numberOr(tokens, Number.POSITIVE_INFINITY);
    this.remainingRequests = numberOr(requests, Number.POSITIVE_INFINITY);
  }

  /** A 429 is a coherent answer: the member is alive (a probe closes the circuit), just full. */
  rateLimited(nowMs: number, retryAfterMs: number | undefined): void {
    this.breaker.succeeded();
    this.answeredAtMs = nowMs;
    const ms = Math.min(retryAfterMs ?? DEFAULT_COOL_MS, MAX_COOL_MS);
    this.coolUntil = Math.max(this.coolUntil, nowMs + ms);
  }

  failed(nowMs: number, breaker: BreakerSettings): void {
    this.breaker.failed(nowMs, breaker);
  }
}

function numberOr(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? n : fallback;
}
