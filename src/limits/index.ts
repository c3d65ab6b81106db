/** The limits module's surface: token/request limiters and monthly budget counters. */
export type { Admission, LimitRule, Limiter, Reservation } from "./limiter.js";
export { memoryLimiter, type MemoryLimiter } from "./memory-limiter.js";
export { redisLimiter, type RedisLimiterOptions } from "./redis-limiter.js";
export { limiterHeaders, openaiDuration } from "./limiter-headers.js";
export { type BudgetAnswer, type BudgetCounter, memoryBudgetCounter, monthOf } from "./budget-counter.js";
export { redisBudgetCounter, type RedisBudgetOptions } from "./redis-budget-counter.js";
