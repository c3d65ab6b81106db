import type { Redis } from "ioredis";
import type { PlatformFile } from "../config/schema.js";
import { memoryBudgetCounter, type BudgetCounter } from "../limits/budget-counter.js";
import { redisBudgetCounter } from "../limits/redis-budget-counter.js";
import type { Limiter } from "../limits/limiter.js";
import { memoryLimiter } from "../limits/memory-limiter.js";
import { redisLimiter } from "../limits/redis-limiter.js";
import type { Logger } from "../observability/logger.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import { memoryAlertLatch, redisAlertLatch, type AlertLatch } from "./alert-latch.js";
import { stateErrorReporter, type StateErrorReporter } from "./state-errors.js";

/**
 * The counters limits and budgets keep: in this process (`state: {kind: memory}`) or in one
 * Redis shared by every replica and environment (`state: {kind: redis, url, prefix}`). Opened
 * once by the gateway and kept across config reloads; a `state:` change needs a restart.
 */
export interface StateBackends {
  readonly kind: "memory" | "redis";
  readonly limiter: Limiter;
  readonly budgets: BudgetCounter;
  readonly alerts: AlertLatch;
  /** Policies report failed calls here (a metric, a throttled warning) before failing open or closed. */
  readonly failed: StateErrorReporter;
  /** For /readyz: Redis answers PING (within its command timeout); memory always does. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StateOptions {
  readonly log: Logger;
  readonly metrics?: GatewayMetrics | undefined;
}

export async function openState(settings: PlatformFile["state"], options: StateOptions): Promise<StateBackends> {
  const failed = stateErrorReporter(options.log, options.metrics, settings.kind);
  if (settings.kind === "memory") {
    const limiter = memoryLimiter();
    const budgets = memoryBudgetCounter();
    return {
      kind: "memory",
      limiter,
      budgets,
      alerts: memoryAlertLatch(),
      failed,
      ping: () => Promise.resolve(true),
      async close() {
        await limiter.close();
        await budgets.close();
      },
    };
  }
  const redis = await connectState(settings.url);
  redis.on("error", (err: unknown) => failed("connection", err));
  // An unreachable Redis at start is not fatal: limits fail open or closed (limits.onStateError)
  // and ioredis keeps reconnecting in the background.
  await redis.connect().catch((err: unknown) => failed("connect", err));
  const prefix = settings.prefix ?? "atrium:";
  return {
    kind: "redis",
    limiter: redisLimiter(redis, { prefix: `${prefix}limit:`, onError: (err) => failed("reconcile", err) }),
    budgets: redisBudgetCounter(redis, { prefix: `${prefix}budget:` }),
    alerts: redisAlertLatch(redis, `${prefix}alert:`),
    failed,
    ping: () =>
      redis.ping().then(
        (answer) => answer === "PONG",
        () => false,
      ),
    async close() {
      if (redis.status === "ready") await redis.quit().catch(() => redis.disconnect());
      else redis.disconnect();
    },
  };
}

/**
 * Fail fast rather than queue: without an offline queue a command while disconnected rejects
 * at once, and commandTimeout bounds a Redis that accepts but does not answer. Either way the
 * request is decided by onStateError within about a second instead of hanging.
 */
async function connectState(url: string): Promise<Redis> {
  // Loaded only when configured: the client costs ~10 MiB of memory a memory-state gateway never uses.
  const { Redis } = await import("ioredis");
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}
