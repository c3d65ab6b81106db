/**
 * The limiter's algorithm: a token bucket per rule and dimension (tokens, requests) whose
 * capacity is the per-minute budget and which refills continuously at budget / 60 s.
 *
 * Why a bucket and not a sliding-window counter: reserve-then-reconcile needs to move an
 * amount after the fact. A bucket is one number, so reconcile is "add (reserved − actual)"
 * whenever it happens, and the bucket may go negative so the next requests pay. A window
 * counter would have to find the minute the reservation landed in, and an overrun reported
 * after that minute left the window would be forgiven. The bucket also matches what
 * OpenAI's x-ratelimit-reset-* headers describe (time until back to full).
 *
 * An absent bucket is a full one. That makes eviction lossless: a bucket can be dropped as
 * soon as it has refilled, which is what the memory sweep and the Redis PEXPIRE do.
 *
 * redis-limiter-lua.ts repeats this arithmetic in Lua, operation for operation, so both
 * backends round alike.
 */
export const WINDOW_MS = 60_000;

export interface Bucket {
  level: number;
  atMs: number;
  /** When the bucket is back to capacity and may be dropped. */
  fullAtMs: number;
}

/** Level at `nowMs`. Time never runs backwards for a bucket (a stepped-back clock refills nothing). */
export function levelAt(bucket: Bucket | undefined, capacity: number, nowMs: number): number {
  if (bucket === undefined) return capacity;
  const elapsedMs = nowMs - bucket.atMs;
  const level = elapsedMs > 0 ? bucket.level + (elapsedMs * capacity) / WINDOW_MS : bucket.level;
  return level < capacity ? level : capacity;
}

/** Time for a bucket at `level` to hold `target` again. */
export function msToRefill(level: number, target: number, capacity: number): number {
  return target <= level ? 0 : ((target - level) * WINDOW_MS) / capacity;
}

/** Writes a new level computed at `nowMs` into `bucket` (or a new one); undefined when full. */
export function storeLevel(bucket: Bucket | undefined, level: number, capacity: number, nowMs: number): Bucket | undefined {
  if (level >= capacity) return undefined;
  const atMs = bucket !== undefined && bucket.atMs > nowMs ? bucket.atMs : nowMs;
  const fullAtMs = atMs + msToRefill(level, capacity, capacity);
  if (bucket === undefined) return { level, atMs, fullAtMs };
  bucket.level = level;
  bucket.atMs = atMs;
  bucket.fullAtMs = fullAtMs;
  return bucket;
}
