import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { startTestGateway } from "../support/test-gateway.js";
import { BACKENDS, OTHER_KEY, TEST_KEY, chat, limitFolder, num } from "./limit-kit.js";

// chat-deploy's ceiling is 10k tokens per minute; dev and test may use half of it.
const folder = (environment: "dev" | "prod", state: Record<string, unknown>) =>
  limitFolder({ environment, deploymentK: 10, extraPlatform: { state, limits: { lowerEnvironmentShare: 0.5 } } });
const BIG = "capacity ".repeat(900); // ≈ 900 prompt tokens that stay charged after reconcile

/** Sends until a 429 comes (at most `max`), returning the tokens used and the refusal. */
async function fill(url: string, key: string, max = 30) {
  let used = 0;
  for (let i = 0; i < max; i++) {
    const r = await chat(url, key, { messages: [{ role: "user", content: BIG }], max_tokens: 100 });
    if (r.status === 429) return { used, refusal: r };
    assert.equal(r.status, 200);
    used += r.json.usage!.total_tokens;
  }
  return { used, refusal: undefined };
}

/** What a bucket of `limit` per minute can hand out since `startedMs`: its content plus the refill. */
const allowance = (limit: number, startedMs: number) => limit * (1 + (performance.now() - startedMs) / 60_000);

for (const backend of BACKENDS) {
  describe(`shared capacity on the ${backend.name} backend`, { skip: backend.skip }, () => {
    test("dev stops at its share of the deployment ceiling; every consumer of the deployment shares it", async () => {
      const gw = await startTestGateway(folder("dev", backend.state()));
      try {
        const started = performance.now();
        const { used, refusal } = await fill(gw.url, TEST_KEY);
        assert.ok(refusal, "dev must be stopped by its share");
        assert.match(refusal.json.error?.message ?? "", /Production traffic has priority/);
        assert.equal(num(refusal.headers, "x-ratelimit-limit-tokens"), 5000);
        assert.ok(used <= allowance(5000, started) && used >= 5000 - 2 * 1000, `dev used ${used}`);
        // team-b's grant is untouched, but it calls the same deployment: the share is spent for it too.
        const other = await chat(gw.url, OTHER_KEY, { model: "gpt4o", messages: [{ role: "user", content: BIG }], max_tokens: 100 });
        assert.equal(other.status, 429);
      } finally {
        await gw.close();
      }
    });
  });
}

const redis = BACKENDS.find((b) => b.name === "redis")!;
describe("environments sharing Redis", { skip: redis.skip }, () => {
  test("prod is admitted after dev and test have used their share, up to the deployment's ceiling", async () => {
    const shared = redis.state(`shared-${process.pid}`);
    const dev = await startTestGateway(folder("dev", shared));
    const test2 = await startTestGateway(limitFolder({ environment: "test", deploymentK: 10, extraPlatform: { state: shared, limits: { lowerEnvironmentShare: 0.5 } } }));
    const prod = await startTestGateway(folder("prod", shared));
    try {
      const started = performance.now();
      const fromDev = await fill(dev.url, TEST_KEY, 3);
      const fromTest = await fill(test2.url, TEST_KEY);
      assert.ok(fromTest.refusal, "test shares the lower environments' bucket with dev");
      assert.match(fromTest.refusal.json.error?.message ?? "", /Production traffic has priority/);
      assert.ok(fromDev.used + fromTest.used <= allowance(5000, started), `lower environments used ${fromDev.used + fromTest.used}`);

      const fromProd = await fill(prod.url, TEST_KEY);
      assert.ok(fromProd.used >= 4000, `prod still got ${fromProd.used} tokens`);
      assert.ok(fromProd.refusal, "prod stops at the deployment's ceiling");
      assert.match(fromProd.refusal.json.error?.message ?? "", /deployment chat-deploy is at its capacity of 10000 tokens per minute/);
      const total = fromDev.used + fromTest.used + fromProd.used;
      assert.ok(total <= allowance(10_000, started), `all environments used ${total} of a 10000 ceiling`);
    } finally {
      await Promise.all([dev.close(), test2.close(), prod.close()]);
    }
  });
});
