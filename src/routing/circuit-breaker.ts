import type { Pool } from "../core/catalog.js";

export type BreakerSettings = Pool["breaker"];
export type BreakerState = "closed" | "open" | "half-open";

/**
 * One member's circuit: `failures` within a rolling `windowMs` open it; after `cooldownMs` it is
 * half-open and lets exactly one request through as a probe; the probe's success closes it, its
 * failure opens it for another cool-down. Times are monotonic ms (performance.now()).
 */
export class CircuitBreaker {
  /** Times of recent failures, oldest first; never longer than the threshold. */
  private failures: number[] = [];
  private openUntil = 0;
  private opened = false;
  private probing = false;

  state(nowMs: number): BreakerState {
    if (!this.opened) return "closed";
    return nowMs < this.openUntil ? "open" : "half-open";
  }

  /** Could a request go through now (without claiming the probe)? */
  allows(nowMs: number): boolean {
    return !this.opened || (nowMs >= this.openUntil && !this.probing);
  }

  /** Claims passage for one attempt: always when closed, once per cool-down when half-open. */
  acquire(nowMs: number): boolean {
    if (!this.opened) return true;
    if (nowMs < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** ms until a request could pass again; 0 when it could now. */
  waitMs(nowMs: number): number {
    return this.opened ? Math.max(0, this.openUntil - nowMs) : 0;
  }

  /** True when this closed an open circuit. */
  succeeded(): boolean {
    if (!this.opened) return false;
    this.opened = false;
    this.probing = false;
    this.failures = [];
    return true;
  }

  /** True when this opened the circuit (from closed, or again after a failed probe). */
  failed(nowMs: number, settings: BreakerSettings): boolean {
    if (this.opened) {
      // The probe failed (or a stream admitted before the circuit opened broke): another cool-down.
      const probe = this.probing || nowMs >= this.openUntil;
      this.probing = false;
      this.openUntil = nowMs + settings.cooldownMs;
      return probe;
    }
    const recent = this.failures.filter((at) => nowMs - at < settings.windowMs);
    recent.push(nowMs);
    if (recent.length > settings.failures) recent.splice(0, recent.length - settings.failures);
    this.failures = recent;
    if (recent.length >= settings.failures) {
      this.opened = true;
      this.openUntil = nowMs + settings.cooldownMs;
      this.failures = [];
      return true;
    }
    return false;
  }

  /** The attempt ended with no verdict on the member (client gone, total deadline): free the probe. */
  released(): void {
    this.probing = false;
  }
}
