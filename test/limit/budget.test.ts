import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { startFakeUpstream, type RecordedRequest } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";
import { BACKENDS, OTHER_KEY, TEST_KEY, chat, limitFolder, num } from "./limit-kit.js";

// Per 1M tokens: 1000 in, 2000 out, i.e. 0.001 and 0.002 per token. Costs in micro-USD are tokens × price.
const PRICES = { models: { "gpt-35-turbo": { input: 1000, output: 2000 } } };
const costMicro = (u: { prompt_tokens: number; completion_tokens?: number }) => u.prompt_tokens * 1000 + (u.completion_tokens ?? 0) * 2000;

for (const backend of BACKENDS) {
  describe(`budgets on the ${backend.name} backend`, { skip: backend.skip }, () => {
    test("a cost centre's hard budget stops its consumers only", async () => {
      const gw = await startTestGateway(
        limitFolder({ extraPlatform: { state: backend.state(), prices: PRICES, budgets: { costCentres: { "1001": { monthlyUsd: 0.3, hard: true } } } } }),
      );
      try {
        // One at a time, but a reply's settle may still be on its way when the next request comes: busy, retry.
        for (let i = 0; i < 50; i++) {
          const a = await chat(gw.url, TEST_KEY, { max_tokens: 100 });
          if (a.status === 403) break;
          if (a.status === 429) await sleep(num(a.headers, "retry-after-ms"));
          else assert.equal(a.status, 200);
        }
        const r = await chat(gw.url, TEST_KEY, {});
        assert.equal(r.status, 403);
        assert.equal(r.json.error?.code, "budget_exceeded");
        assert.match(r.json.error?.message ?? "", /monthly budget of cost centre 1001 \(0\.30 USD\) is spent for \d{4}-\d\d: 0\.3\d USD used\. It resets on/);
        assert.equal((await chat(gw.url, OTHER_KEY, { model: "gpt4o" })).status, 200, "cost centre 2002 still runs");
      } finally {
        await gw.close();
      }
    });

    test("a soft budget alerts its webhook once per threshold, however many requests and replicas see it", async () => {
      const hooks: RecordedRequest[] = [];
      const webhook = await startFakeUpstream((req, res) => {
        hooks.push(req);
        res.writeHead(204).end();
      });
      const state = backend.state();
      const folder = () =>
        limitFolder({
          tiers: { "metered.yaml": { budget: { monthlyUsd: 1, alertAt: [0.5, 1], alertWebhook: `${webhook.url}/hooks/budget?token=s3cret` } } },
          teamATier: "metered",
          extraPlatform: { state, prices: PRICES, egress: { allowHosts: [webhook.url] } },
        });
      const gateways = [await startTestGateway(folder())];
      // Replicas share the alert latch only through Redis.
      if (backend.name === "redis") gateways.push(await startTestGateway(folder()));
      try {
        let spent = 0;
        for (let round = 0; spent < 1_300_000; round++) {
          const answers = await Promise.all(gateways.flatMap((gw) => Array.from({ length: 4 }, () => chat(gw.url, TEST_KEY, { max_tokens: 100 }))));
          assert.ok(answers.every((a) => a.status === 200), "a soft budget never refuses");
          spent += answers.reduce((sum, a) => sum + costMicro(a.json.usage!), 0);
        }
        // Bounded, but long enough for a webhook POST on a loaded machine.
        for (let i = 0; i < 500 && hooks.length < 2; i++) await sleep(20);
        await sleep(200); // room for a duplicate to show up, if there were one
        assert.equal(hooks.length, 2, `alerts: ${hooks.map((h) => h.body).join("\n")}`);
        const bodies = hooks.map((h) => JSON.parse(h.body) as { type: string; threshold: number; budget: { scope: string; name: string; hard: boolean }; spentUsd: number; month: string });
        assert.deepEqual(bodies.map((b) => b.threshold).sort(), [0.5, 1]);
        for (const b of bodies) {
          assert.equal(b.type, "atrium.budget.threshold");
          assert.deepEqual(b.budget, { scope: "consumer", name: "team-a", monthlyUsd: 1, hard: false, currency: "USD" });
          assert.ok(b.spentUsd >= b.threshold);
          assert.match(b.month, /^\d{4}-\d\d$/);
        }
        assert.equal(hooks[0]!.method, "POST");
        assert.equal(hooks[0]!.headers["content-type"], "application/json");
        assert.ok(!gateways.some((gw) => gw.logs.join("").includes("s3cret")), "the webhook's secret never reaches a log");
      } finally {
        await Promise.all(gateways.map((gw) => gw.close()));
        await webhook.close();
      }
    });
  });
}
