import { CircuitBreaker, type BreakerSettings } from "./circuit-breaker.js";

/** How long a member's last `x-ratelimit-remaining-*` counts as current. */
export const HEADROOM_TTL_MS = 5_000;
/** A 429 without retry-after cools its member this long; any retry-after is capped at the max. */
export const DEFAULT_COOL_MS = 1_000;
export const MAX_COOL_MS = 600_000;

/** Told when a member's circuit opens or closes and when it starts cooling down (logs, metrics). */
export interface MemberEvents {
  circuitOpened(member: string, reason: string, cooldownMs: number): void;
  circuitClosed(member: string): void;
  coolingDown(member: string, reason: string, coolMs: number): void;
}

/**
 * What routing knows about one pool member (one target id), kept across config reloads: its
 * circuit, when it may be asked again after a 429, and the capacity it last reported.
 */
export class MemberHealth {
  readonly breaker = new CircuitBreaker();
  coolUntil = 0;
  /** Why it last failed or cooled (the upstream's answer as our error message): for logs and 503s. */
  lastReason: string | undefined;
  /** Times its circuit opened since the process started. */
  openedTotal = 0;
  /** When it last answered a request (success or 429): a member that answers is not down. */
  answeredAtMs = Number.NEGATIVE_INFINITY;
  private seenAt = Number.NEGATIVE_INFINITY;
  private remainingTokens = Number.POSITIVE_INFINITY;
  private remainingRequests = Number.POSITIVE_INFINITY;

  constructor(
    readonly id: string = "",
    private readonly events?: MemberEvents,
  ) {}

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
    if (this.breaker.succeeded()) this.events?.circuitClosed(this.id);
    if (this.lastReason !== undefined) this.lastReason = undefined;
    this.answeredAtMs = nowMs;
    const tokens = headers["x-ratelimit-remaining-tokens"];
    const requests = headers["x-ratelimit-remaining-requests"];
    if (tokens === undefined && requests === undefined) return;
    this.seenAt = nowMs;
    this.remainingTokens = numberOr(tokens, Number.POSITIVE_INFINITY);
    this.remainingRequests = numberOr(requests, Number.POSITIVE_INFINITY);
  }

  /** A 429 is a coherent answer: the member is alive (a probe closes the circuit), just full. */
  rateLimited(nowMs: number, retryAfterMs: number | undefined, reason = "429 from the upstream"): void {
    if (this.breaker.succeeded()) this.events?.circuitClosed(this.id);
    this.answeredAtMs = nowMs;
    const ms = Math.min(retryAfterMs ?? DEFAULT_COOL_MS, MAX_COOL_MS);
    // One line per cool-down, not per 429 answered while it lasts.
    const wasCooling = nowMs < this.coolUntil;
    this.coolUntil = Math.max(this.coolUntil, nowMs + ms);
    this.lastReason = reason;
    if (!wasCooling) this.events?.coolingDown(this.id, reason, ms);
  }

  failed(nowMs: number, breaker: BreakerSettings, reason = "failed"): void {
    this.lastReason = reason;
    if (this.breaker.failed(nowMs, breaker)) {
      this.openedTotal++;
      this.events?.circuitOpened(this.id, reason, breaker.cooldownMs);
    }
  }

  /** One phrase for a 503: why this member could not serve just now. */
  describe(nowMs: number): string {
    const why = this.lastReason === undefined ? "" : ` (${this.lastReason})`;
    const state = this.breaker.state(nowMs);
    if (state === "open") return `${this.id}: circuit open for ${Math.ceil(this.breaker.waitMs(nowMs) / 1000)} s more${why}`;
    if (state === "half-open") return `${this.id}: circuit half-open, a probe is out${why}`;
    if (this.cooling(nowMs)) return `${this.id}: cooling down for ${Math.ceil((this.coolUntil - nowMs) / 1000)} s more${why}`;
    return this.lastReason === undefined ? `${this.id}: not tried` : `${this.id}: failed${why}`;
  }
}

function numberOr(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? n : fallback;
}
