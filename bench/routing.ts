/**
 * Routing's CPU cost per request: target selection alone (targetOrder over a pool's health), and the
 * whole dispatch step (selection, claim, timeouts, health update, Reply) around an instant
 * in-process provider, against calling that provider directly.
 * Run: node --import tsx bench/routing.ts
 */
import type { Pool, Resource, Route, Target } from "../src/core/catalog.js";
import type { RequestContext } from "../src/core/context.js";
import { Reply } from "../src/core/reply.js";
import { RequestSignal } from "../src/core/request-signal.js";
import type { Provider, UpstreamResult } from "../src/providers/provider.js";
import type { ProviderRegistry } from "../src/providers/registry.js";
import { dispatch } from "../src/routing/dispatch.js";
import { RoutingState } from "../src/routing/routing-state.js";
import { targetOrder } from "../src/routing/target-order.js";

const pool: Pool = {
  name: "p",
  maxAttempts: 3,
  deadlineMs: 30_000,
  timeouts: { connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000, totalMs: undefined },
  breaker: { failures: 5, windowMs: 10_000, cooldownMs: 30_000 },
  ptuFirst: true,
};

function targets(n: number): Target[] {
  return Array.from({ length: n }, (_, i) => {
    const resource: Resource = { id: `r${i}`, provider: "openai", endpoint: `https://r${i}.example.com`, apiKey: undefined, apiVersion: "2024-10-21", sim: { latencyMs: 0, tokensPerSecond: 0, embeddingDimensions: 8 } };
    const type = i === 0 ? "PTU" : "PAYG";
    return { id: `r${i}/d`, resource, deployment: { file: "", resource: resource.id, name: "d", type, model: "gpt-4o", modelVersion: undefined, tokensPerMinute: 1e6 }, priority: i < 2 ? 1 : 2, weight: 1 + i, tier: i === 0 ? 0 : i < 2 ? 1 : 2 };
  });
}

const result: UpstreamResult = { kind: "json", status: 200, body: "{}", usage: undefined, headers: { "x-ratelimit-remaining-tokens": "90000", "x-ratelimit-remaining-requests": "900" } };
const instant: Provider = { id: "openai", send: async () => result };
const providers = { sim: instant, openai: instant, "azure-openai": instant, "openai-compatible": instant } as ProviderRegistry;

function context(route: Route): RequestContext {
  return {
    id: "req", surface: "openai", operation: "chat", operationPath: "/chat/completions", apiVersion: undefined, credential: undefined, loadBody: async () => undefined,
    body: { messages: [] }, outsideName: "x", stream: false, clientWantsUsage: false, startedAtMs: performance.now(),
    signal: new RequestSignal(), identity: undefined, promptTokenEstimate: 120, route, responseHeaders: {},
  };
}

function cpuMicros(ops: number, run: (i: number) => void): number {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

async function cpuMicrosAsync(ops: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) await run(i);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

for (const n of [1, 2, 4]) {
  const list = targets(n);
  const state = new RoutingState();
  for (const t of list) state.member(t.id).succeeded(performance.now(), result.headers);
  let sink = 0;
  cpuMicros(200_000, () => (sink += targetOrder(list, state, performance.now(), 120).length));
  const select = cpuMicros(1_000_000, () => (sink += targetOrder(list, state, performance.now(), 120).length));

  const route: Route = { consumer: "c", outsideName: "x", platformDeployment: "d", pool: "p", poolSettings: pool, model: "gpt-4o", contentSafety: undefined, environments: {}, targets: list };
  const next = dispatch(providers, state);
  const direct = async (ctx: RequestContext): Promise<Reply> => {
    const call = { operation: ctx.operation, path: ctx.operationPath, body: ctx.body, stream: ctx.stream, signal: ctx.signal, requestId: ctx.id };
    const r = await instant.send(call, list[0] as Target);
    return Reply.json(200, r.kind === "json" ? r.body : "");
  };
  // Interleaved rounds, best of each: the machine this runs on is shared and noisy.
  let routed = Infinity;
  let bare = Infinity;
  for (let round = 0; round < 5; round++) {
    routed = Math.min(routed, await cpuMicrosAsync(100_000, () => next(context(route))));
    bare = Math.min(bare, await cpuMicrosAsync(100_000, () => direct(context(route))));
  }
  console.log(`${n} member(s): targetOrder ${select.toFixed(3)} µs; dispatch ${routed.toFixed(2)} µs vs provider call alone ${bare.toFixed(2)} µs → routing adds ${(routed - bare).toFixed(2)} µs/request${sink < 0 ? "!" : ""}`);
}

{
  // The cost of `timeouts.totalMs`: a second signal, a listener and a timer per request.
  const list = targets(2);
  const state = new RoutingState();
  const make = (totalMs: number | undefined): Route => ({ consumer: "c", outsideName: "x", platformDeployment: "d", pool: "p", poolSettings: { ...pool, timeouts: { ...pool.timeouts, totalMs } }, model: "gpt-4o", contentSafety: undefined, environments: {}, targets: list });
  const without = make(undefined);
  const withTotal = make(600_000);
  const next = dispatch(providers, state);
  let a = Infinity;
  let b = Infinity;
  for (let round = 0; round < 5; round++) {
    a = Math.min(a, await cpuMicrosAsync(100_000, () => next(context(without))));
    b = Math.min(b, await cpuMicrosAsync(100_000, () => next(context(withTotal))));
  }
  console.log(`timeouts.totalMs set: dispatch ${b.toFixed(2)} µs vs ${a.toFixed(2)} µs without → ${(b - a).toFixed(2)} µs/request`);
}
