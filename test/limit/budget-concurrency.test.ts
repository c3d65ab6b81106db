import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import OpenAI from "openai";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { startTestGateway } from "../support/test-gateway.js";
import { BACKENDS, OTHER_KEY, TEST_KEY, chat, limitFolder, num, type Answer } from "./limit-kit.js";

// Per 1M tokens: 1000 in, 2000 out, i.e. 0.001 and 0.002 per token. Costs in micro-USD are tokens × price.
const PRICES = { models: { "gpt-35-turbo": { input: 1000, output: 2000 } } };
const costMicro = (u: { prompt_tokens: number; completion_tokens?: number }) => u.prompt_tokens * 1000 + (u.completion_tokens ?? 0) * 2000;
const BUDGET = 2_000_000;

/** The settled spend a refusal's message states, in micro-USD (the message rounds to cents). */
function usedMicro(a: Answer): number {
  const m = /: (\d+\.\d\d) USD used/.exec(a.json.error?.message ?? "");
  assert.ok(m, `no spend in: ${a.json.error?.message}`);
  return Math.round(Number(m[1]) * 1e6);
}

function assertBusy(a: Answer): void {
  assert.equal(a.json.error?.code, "budget_busy");
  assert.equal(a.json.error?.type, "rate_limit_error");
  assert.match(a.json.error?.message ?? "", /monthly budget of consumer team-a \(2\.00 USD\) is not spent for \d{4}-\d\d, but requests in flight hold the rest of it/);
  assert.equal(a.headers.get("retry-after"), "1");
  const ms = num(a.headers, "retry-after-ms");
  assert.ok(ms >= 250 && ms <= 1000, `retry-after-ms ${ms}`);
  assert.equal(a.headers.get("x-should-retry"), "true");
  // It was refused for the holds: settled spend + this request's maximum fit in the budget.
  assert.ok(usedMicro(a) < BUDGET, a.json.error?.message);
}

function assertSpent(a: Answer, maxCost: number): void {
  assert.equal(a.json.error?.code, "budget_exceeded");
  assert.equal(a.json.error?.type, "permission_error");
  assert.match(a.json.error?.message ?? "", /monthly budget of consumer team-a \(2\.00 USD\) is spent for \d{4}-\d\d/);
  // 403 only when really spent: settled spend + this request's maximum is over the budget.
  assert.ok(usedMicro(a) + maxCost > BUDGET, a.json.error?.message);
}

const meteredFolder = (backend: (typeof BACKENDS)[number], resources?: Record<string, Record<string, unknown>>) =>
  limitFolder({
    tiers: { "metered.yaml": { budget: { monthlyUsd: BUDGET / 1e6, hard: true } } },
    teamATier: "metered",
    ...(resources === undefined ? {} : { resources }),
    // Closed: on a machine so loaded that Redis answers after the client's 1 s timeout, a request
    // is refused 503 rather than admitted unchecked (onStateError: open), which would void the bound.
    extraPlatform: { state: backend.state(), prices: PRICES, limits: { lowerEnvironmentShare: 1, onStateError: "closed" } },
  });

for (const backend of BACKENDS) {
  describe(`hard budgets under concurrency on the ${backend.name} backend`, { skip: backend.skip }, () => {
    test("100 concurrent requests: 403 only when spent, 429 budget_busy otherwise, never over by one request's maximum cost", async () => {
      const gw = await startTestGateway(meteredFolder(backend));
      try {
        const answers = await Promise.all(Array.from({ length: 100 }, () => chat(gw.url, TEST_KEY, { max_tokens: 100 })));
        const admitted = answers.filter((a) => a.status === 200);
        const busy = answers.filter((a) => a.status === 429);
        const spentOut = answers.filter((a) => a.status === 403);
        const unavailable = answers.filter((a) => a.status === 503 && a.json.error?.code === "service_unavailable");
        assert.equal(admitted.length + busy.length + spentOut.length + unavailable.length, 100, `statuses: ${answers.map((a) => a.status).join(",")}`);
        assert.ok(admitted.length > 0 && busy.length + spentOut.length > 0, "the budget admits and binds");
        const maxCost = admitted[0]!.json.usage!.prompt_tokens * 1000 + 100 * 2000;
        const spent = admitted.reduce((sum, a) => sum + costMicro(a.json.usage!), 0);
        assert.ok(spent < BUDGET + maxCost, `spent ${spent} µUSD of a ${BUDGET} budget (max one request ${maxCost})`);
        for (const a of busy) assertBusy(a);
        for (const a of spentOut) assertSpent(a, maxCost);
        // A 403 saw settled spend ≥ the budget, and settled spend only grows: all of it is in `spent`.
        if (spentOut.length > 0) assert.ok(spent >= BUDGET, `told spent, but only ${spent} was`);
      } finally {
        await gw.close();
      }
    });

    test("clients retrying on budget_busy use the budget to within one request's maximum cost", async () => {
      const gw = await startTestGateway(meteredFolder(backend));
      try {
        let spent = 0;
        let maxCost = 0;
        let busy = 0;
        const last: Answer[] = [];
        await Promise.all(
          Array.from({ length: 50 }, async () => {
            // Bounded: a client gives up after 200 attempts (the assertions below then fail).
            for (let attempt = 0; attempt < 200; attempt++) {
              const a = await chat(gw.url, TEST_KEY, { max_tokens: 100 });
              if (a.status === 200) {
                spent += costMicro(a.json.usage!);
                maxCost = a.json.usage!.prompt_tokens * 1000 + 100 * 2000;
                continue;
              }
              if (a.status === 429 && a.json.error?.code === "budget_busy") {
                busy++;
                assertBusy(a);
                await sleep(num(a.headers, "retry-after-ms"));
                continue;
              }
              // The state answered too late (a loaded machine): retry, as the 503 says.
              if (a.status === 503 && a.headers.get("retry-after") === "1") {
                await sleep(1000);
                continue;
              }
              last.push(a);
              return;
            }
          }),
        );
        assert.equal(last.length, 50, "every client ends on an answer that is not a retry");
        for (const a of last) assert.equal(a.status, 403, `${a.status} ${a.json.error?.code}`);
        for (const a of last) assertSpent(a, maxCost);
        assert.ok(maxCost > 0, "requests were admitted");
        assert.ok(spent >= BUDGET && spent < BUDGET + maxCost, `spent ${spent} µUSD of ${BUDGET} (max one request ${maxCost}; ${busy} busy answers)`);
        assert.equal((await chat(gw.url, OTHER_KEY, { model: "gpt4o" })).status, 200, "other consumers are not affected");
      } finally {
        await gw.close();
      }
    });

    test("a request refused while another holds the budget is admitted once that one ends", async () => {
      // One word a second: the first request is still streaming when the second arrives.
      const gw = await startTestGateway(meteredFolder(backend, { "sim-a": { provider: "sim", tokensPerSecond: 1 } }));
      try {
        const controller = new AbortController();
        // Its maximum (1000 completion tokens, 2 USD) holds the whole budget; it is admitted, nothing being spent.
        const big = await fetch(`${gw.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Tell me a story" }], max_tokens: 1000, stream: true }),
          signal: controller.signal,
        });
        assert.equal(big.status, 200);
        const reader = big.body!.getReader();
        await reader.read();

        const refused = await chat(gw.url, TEST_KEY, { max_tokens: 100 });
        assert.equal(refused.status, 429, "held, not spent");
        assertBusy(refused);
        assert.match(refused.json.error?.message ?? "", /0\.00 USD used, 2\.\d\d USD reserved by requests in flight; this request may cost up to 0\.2\d USD/);

        controller.abort();
        await reader.read().catch(() => undefined);
        // The hold settles when the gateway sees the client leave; retry as told, a bounded number of times.
        let answer = refused;
        for (let i = 0; i < 50 && (answer.status === 429 || answer.status === 503); i++) {
          await sleep(answer.status === 429 ? num(answer.headers, "retry-after-ms") : 1000);
          answer = await chat(gw.url, TEST_KEY, { max_tokens: 100 });
        }
        assert.equal(answer.status, 200, `${answer.status} ${answer.json.error?.message}`);
      } finally {
        await gw.close();
      }
    });
    test("the openai SDK retries a budget_busy refusal by itself and gets through", async () => {
      const gw = await startTestGateway(meteredFolder(backend, { "sim-a": { provider: "sim", tokensPerSecond: 1 } }));
      try {
        const controller = new AbortController();
        const big = await fetch(`${gw.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Tell me a story" }], max_tokens: 1000, stream: true }),
          signal: controller.signal,
        });
        const reader = big.body!.getReader();
        await reader.read();

        const records = (gw.usage as MemoryUsageSink).records;
        const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 20 });
        const call = openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Say hello" }], max_tokens: 100 });
        // The big request ends only once the SDK's first attempt has been refused.
        for (let i = 0; i < 500 && !records.some((r) => r.errorCode === "budget_busy"); i++) await sleep(20);
        assert.ok(records.some((r) => r.errorCode === "budget_busy"), "the first attempt was refused as busy");
        controller.abort();
        await reader.read().catch(() => undefined);
        const completion = await call;
        assert.ok(completion.usage!.completion_tokens > 0);
      } finally {
        await gw.close();
      }
    });
  });
}
