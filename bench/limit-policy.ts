/**
 * What admission costs per request, measured on the policies themselves (tier → budget → limit)
 * with a terminal that answers at once: CPU in memory mode, and for Redis the commands each
 * request sends (MONITOR), on the request path and after the reply.
 * Run: node --import tsx bench/limit-policy.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { Config } from "../src/config/config.js";
import { loadConfig } from "../src/config/load.js";
import type { RequestContext } from "../src/core/context.js";
import { chain } from "../src/core/policy.js";
import { Reply } from "../src/core/reply.js";
import { RequestSignal } from "../src/core/request-signal.js";
import { createLogger } from "../src/observability/logger.js";
import { admissionPolicies } from "../src/policies/limit/admission-policies.js";
import { openState, type StateBackends } from "../src/state/open-state.js";

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
const CONSUMERS = 1000;

/** 1000 consumers on one deployment, a tier with requests per minute, a soft cost-centre budget. */
function configDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "atrium-limit-bench-"));
  const platform = {
    environment: "dev",
    resources: { sim: { provider: "sim" } },
    pools: { pool: [{ resource: "sim" }] },
    tiers: { default: "standard" },
    log: { level: "silent" },
  };
  writeFileSync(join(dir, "atrium.yaml"), JSON.stringify(platform));
  for (const sub of ["deployments", "consumers", "mappings", "tiers"]) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, "tiers", "standard.yaml"), "requestsPerMinute: 1000000\ndefaultMaxTokens: 500\n");
  writeFileSync(
    join(dir, "deployments", "chat.json"),
    JSON.stringify({ aoaiName: "sim", deploymentName: "chat", deploymentType: "PTU", model: "gpt-35-turbo", thousandsOfTokensPerMinute: 1_000_000_000 }),
  );
  const grant = { thousandsOfTokens: 1_000_000, deployAt: "2024-01-01T00:00:00Z" };
  for (let i = 0; i < CONSUMERS; i++) {
    const name = `c${i}`;
    writeFileSync(join(dir, "consumers", `${name}.json`), JSON.stringify({ consumerName: name, costCentre: "1", models: [{ deploymentName: "gpt35", modelName: "gpt-35-turbo", environments: { dev: grant } }] }));
    writeFileSync(
      join(dir, "mappings", `${name}.json`),
      JSON.stringify({ consumerName: name, requirements: [{ outsideDeploymentName: "gpt35", platformTeamDeploymentMapping: "chat", platformTeamPoolMapping: "pool" }] }),
    );
  }
  return dir;
}

// The handler makes one per request anyway; a fresh one here would be part of the measured cost.
const SIGNAL = new RequestSignal();

function contextFor(config: Config, i: number, estimate: number | undefined): RequestContext {
  const consumer = config.consumers.get(`c${i % CONSUMERS}`)!;
  return {
    id: `r${i}`,
    surface: "openai",
    operation: "chat",
    operationPath: "/chat/completions",
    apiVersion: undefined,
    credential: undefined,
    loadBody: async () => undefined,
    body: { model: "gpt35", messages: [{ role: "user", content: "Summarise the quarterly capacity review in three bullet points." }], max_tokens: 200 },
    outsideName: "gpt35",
    stream: false,
    clientWantsUsage: false,
    startedAtMs: performance.now(),
    signal: SIGNAL,
    identity: { consumer, environment: "dev", via: "key", roles: [], subject: "bench" },
    promptTokenEstimate: estimate,
    route: consumer.routes.get("gpt35"),
    responseHeaders: {},
  };
}

const USAGE = { promptTokens: 20, completionTokens: 60, totalTokens: 80, cachedTokens: 0, source: "provider" as const };
const outcome = { status: 200, errorCode: undefined, usage: USAGE, streamed: false, firstByteMs: 1, durationMs: 1, aborted: false, target: "sim/chat", attempts: 1 };

function pipelineOf(config: Config, state: StateBackends, admission = true) {
  const log = createLogger("silent");
  return chain(admission ? admissionPolicies(config, { state, log }) : [], async () => {
    const reply = Reply.json(200, "{}");
    reply.usage = USAGE;
    return reply;
  });
}

async function request(run: ReturnType<typeof pipelineOf>, config: Config, i: number, estimate: number | undefined): Promise<void> {
  const reply = await run(contextFor(config, i, estimate));
  reply.finish(outcome);
}

async function cpuPerRequest(ops: number, one: (i: number) => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) await one(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

async function memoryBench(config: Config): Promise<void> {
  const state = await openState({ kind: "memory" }, { log: createLogger("silent") });
  const run = pipelineOf(config, state);
  const bare = pipelineOf(config, state, false);
  await cpuPerRequest(50_000, (i) => request(run, config, i, 20)); // JIT warm-up, plans compiled
  await cpuPerRequest(50_000, (i) => request(bare, config, i, 20));
  const ops = 200_000;
  const baseline = await cpuPerRequest(ops, (i) => request(bare, config, i, 20));
  const check = await cpuPerRequest(ops, (i) => request(run, config, i, 20));
  const withTokenizer = await cpuPerRequest(ops / 4, (i) => request(run, config, i, undefined));
  console.log(`memory: ${(check - baseline).toFixed(2)} µs CPU per request for tier + budget + limit (reserve, headers, reconcile), prompt estimate cached (${check.toFixed(2)} with the harness, ${baseline.toFixed(2)} without admission)`);
  console.log(`memory: ${(withTokenizer - baseline).toFixed(2)} µs CPU per request including the tokenizer's prompt estimate (13-word prompt)`);
  await state.close();
}

async function redisBench(config: Config): Promise<void> {
  const prefix = `atrium-bench:${randomUUID()}:`;
  const state = await openState({ kind: "redis", url: REDIS_URL, prefix }, { log: createLogger("silent") });
  if (state.kind !== "redis") return;
  const run = pipelineOf(config, state);
  const monitorBase = new Redis(REDIS_URL, { lazyConnect: true });
  monitorBase.on("error", () => {});
  const monitor = await monitorBase.monitor();
  monitor.on("error", () => {});
  let commands = 0;
  monitor.on("monitor", (_t: string, args: string[], source: string) => {
    if (source !== "lua" && args.some((a) => a.startsWith(prefix))) commands++;
  });
  const sample = 1000;
  const replies: Reply[] = [];
  for (let i = 0; i < sample; i++) replies.push(await run(contextFor(config, i, 20)));
  const onPath = await settle(() => commands, sample);
  for (const reply of replies) reply.finish(outcome);
  const total = await settle(() => commands, 2 * sample);
  console.log(`redis: ${(onPath / sample).toFixed(2)} commands per request before the reply, ${((total - onPath) / sample).toFixed(2)} after it (reconcile), MONITOR over ${sample}`);
  monitor.disconnect();
  monitorBase.disconnect();
  const ops = 5000;
  const started = performance.now();
  const cpu = await cpuPerRequest(ops, (i) => request(run, config, i, 20));
  console.log(`redis: ${(ops / ((performance.now() - started) / 1000)).toFixed(0)} requests/s one at a time, ${cpu.toFixed(1)} µs client CPU each (reserve + reconcile)`);
  const cleaner = new Redis(REDIS_URL);
  let cursor = "0";
  do {
    const [next, keys] = await cleaner.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length > 0) await cleaner.del(...keys);
    cursor = next;
  } while (cursor !== "0");
  await cleaner.quit();
  await state.close();
}

async function settle(count: () => number, expected: number): Promise<number> {
  for (let i = 0; i < 200 && count() < expected; i++) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  return count();
}

const dir = configDir();
try {
  const loaded = loadConfig(dir, { env: {} });
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join("\n"));
  await memoryBench(loaded.config);
  await redisBench(loaded.config);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
