/**
 * Limiter costs: CPU per reserve+reconcile in memory mode, and for Redis the commands
 * on the wire per call (counted with MONITOR) and throughput.
 * Run: node --import tsx bench/limits.ts
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { LimitRule, Limiter } from "../src/limits/limiter.js";
import { memoryLimiter } from "../src/limits/memory-limiter.js";
import { redisLimiter } from "../src/limits/redis-limiter.js";

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";

/** A consumer × deployment × environment rule plus a platform deployment ceiling, as the gateway sends. */
function rulesFor(i: number): LimitRule[] {
  return [
    { key: `consumer-${i % 1000}|gpt35|dev`, tokensPerMinute: 10_000_000, requestsPerMinute: 1_000_000 },
    { key: `deployment|gpt35-eu-${i % 4}`, tokensPerMinute: 1_000_000_000, requestsPerMinute: 10_000_000 },
  ];
}
const RULES = Array.from({ length: 1000 }, (_, i) => rulesFor(i));

async function cycle(limiter: Limiter, i: number): Promise<void> {
  const { reservation } = await limiter.reserve(RULES[i % RULES.length]!, 1200);
  if (reservation !== undefined) await limiter.reconcile(reservation, 900);
}

async function cpuMicros(ops: number, run: (i: number) => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

async function memoryBench(): Promise<void> {
  const limiter = memoryLimiter();
  await cpuMicros(50_000, (i) => cycle(limiter, i)); // warm up the JIT
  const ops = 200_000;
  const both = await cpuMicros(ops, (i) => cycle(limiter, i));
  const reserveOnly = await cpuMicros(ops, async (i) => {
    await limiter.reserve(RULES[i % RULES.length]!, 1);
  });
  console.log(`memory: ${both.toFixed(2)} µs CPU per reserve+reconcile, ${reserveOnly.toFixed(2)} µs per reserve (2 rules, 1000 keys, ${ops} ops)`);
  await limiter.close();
}

async function redisBench(redis: Redis, prefix: string): Promise<void> {
  const limiter = redisLimiter(redis, { prefix });
  // Round trips: every command the client sends that names our keys (not the script's own calls).
  const monitorBase = new Redis(REDIS_URL, { lazyConnect: true });
  const monitor = await monitorBase.monitor();
  let commands = 0;
  monitor.on("monitor", (_t: string, args: string[], source: string) => {
    if (source !== "lua" && args.some((a) => a.startsWith(prefix))) commands++;
  });
  const sample = 1000;
  for (let i = 0; i < sample; i++) await limiter.reserve(RULES[i % RULES.length]!, 1200);
  const afterReserves = await settle(() => commands, sample);
  const held = await Promise.all(Array.from({ length: sample }, (_, i) => limiter.reserve(RULES[i % RULES.length]!, 1200)));
  await settle(() => commands, 2 * sample);
  const before = commands;
  for (const a of held) if (a.reservation !== undefined) await limiter.reconcile(a.reservation, 900);
  const reconciles = (await settle(() => commands, before + sample)) - before;
  monitor.disconnect();
  monitorBase.disconnect();
  console.log(`redis: ${(afterReserves / sample).toFixed(2)} commands per reserve, ${(reconciles / sample).toFixed(2)} per reconcile (MONITOR, ${sample} each)`);

  const seqOps = 5000;
  let started = performance.now();
  const cpu = await cpuMicros(seqOps, (i) => cycle(limiter, i));
  let seconds = (performance.now() - started) / 1000;
  console.log(`redis: ${(seqOps / seconds).toFixed(0)} reserve+reconcile/s one at a time, ${cpu.toFixed(1)} µs client CPU each`);

  const parallelOps = 50_000;
  const inFlight = 64;
  let next = 0;
  const statsBefore = await evalshaStats(redis);
  started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < parallelOps) await limiter.reserve(RULES[next++ % RULES.length]!, 1);
    }),
  );
  seconds = (performance.now() - started) / 1000;
  const statsAfter = await evalshaStats(redis);
  const serverMicros = (statsAfter.usec - statsBefore.usec) / (statsAfter.calls - statsBefore.calls);
  console.log(`redis: ${(parallelOps / seconds).toFixed(0)} reserves/s with ${inFlight} in flight on one connection`);
  console.log(`redis: ${serverMicros.toFixed(1)} µs server time per reserve script (INFO commandstats, 2 rules)`);
}

/** EVALSHA totals from INFO commandstats (a shared server's other scripts would blur them). */
async function evalshaStats(redis: Redis): Promise<{ calls: number; usec: number }> {
  const info = await redis.info("commandstats");
  const match = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(info);
  return { calls: Number(match?.[1] ?? 0), usec: Number(match?.[2] ?? 0) };
}

/** Waits until MONITOR has reported `expected` commands (it lags the replies a little). */
async function settle(count: () => number, expected: number): Promise<number> {
  for (let i = 0; i < 200 && count() < expected; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  return count();
}

await memoryBench();
const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null });
redis.on("error", () => {});
const prefix = `atrium-bench:${randomUUID()}:`;
try {
  await redis.connect();
} catch {
  console.log(`redis: skipped, ${REDIS_URL} unreachable`);
  process.exit(0);
}
try {
  await redisBench(redis, prefix);
} finally {
  let cursor = "0";
  do {
    const [nextCursor, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== "0");
  await redis.quit();
}
