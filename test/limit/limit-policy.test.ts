import assert from "node:assert/strict";
import { describe, test } from "node:test";
import OpenAI from "openai";
import type { MemoryUsageSink } from "../../src/metering/memory-usage-sink.js";
import { startTestGateway } from "../support/test-gateway.js";
import { BACKENDS, TEST_KEY, chat, limitFolder, num, post } from "./limit-kit.js";

const TIERS = { "standard.yaml": "requestsPerMinute: 3\ndefaultMaxTokens: 9000\n" };

// Assertions below hold however slowly the machine runs: a bucket only refills with time (up to its
// limit), so they bound levels from the side refill cannot cross, or use the time elapsed.

for (const backend of BACKENDS) {
  describe(`limits on the ${backend.name} backend`, { skip: backend.skip }, () => {
    test("every response carries OpenAI's rate-limit headers, from the consumer's grant and the tier", async () => {
      const gw = await startTestGateway(
        limitFolder({ grantK: 10, tiers: TIERS, extraPlatform: { state: backend.state(), tiers: { default: "standard" } } }),
      );
      try {
        const r = await chat(gw.url, TEST_KEY, { max_tokens: 2000 });
        assert.equal(r.status, 200);
        assert.equal(num(r.headers, "x-ratelimit-limit-tokens"), 10_000);
        assert.equal(num(r.headers, "x-ratelimit-remaining-tokens"), 10_000 - r.json.usage!.prompt_tokens - 2000);
        assert.equal(num(r.headers, "x-ratelimit-limit-requests"), 3);
        assert.equal(num(r.headers, "x-ratelimit-remaining-requests"), 2);
        assert.match(r.headers.get("x-ratelimit-reset-tokens") ?? "", /^\d+(\.\d+)?m?s$/);

        // Without max_tokens the tier's defaultMaxTokens (9000, not the global 1024) is reserved.
        const d = await chat(gw.url, TEST_KEY, {});
        assert.equal(d.status, 200);
        const left = num(d.headers, "x-ratelimit-remaining-tokens");
        assert.ok(left <= 10_000 - d.json.usage!.prompt_tokens - 9000, `left ${left}`);
        assert.ok(left >= 10_000 - r.json.usage!.total_tokens - d.json.usage!.prompt_tokens - 9000 - 1, `left ${left}`);

        // The tier's requests per minute: with one request left, most of five at once are refused.
        const burst = await Promise.all(Array.from({ length: 5 }, () => chat(gw.url, TEST_KEY, { max_tokens: 10 })));
        const refused = burst.filter((b) => b.status === 429);
        assert.ok(refused.length >= 3, `refused ${refused.length} of 5`);
        assert.match(refused[0]!.json.error?.message ?? "", /3 requests per minute/);
        assert.equal(num(refused[0]!.headers, "x-ratelimit-remaining-requests"), 0);
        assert.ok(num(refused[0]!.headers, "retry-after") >= 1);
      } finally {
        await gw.close();
      }
    });

    test("a finished reply gives back what it reserved and did not use; the counts survive a reload", async () => {
      const gw = await startTestGateway(limitFolder({ grantK: 10, extraPlatform: { state: backend.state() } }));
      try {
        // ≈ 3000 prompt tokens stay charged after reconcile: 18 s of refill, so it shows after a reload.
        const messages = [{ role: "user", content: "limits ".repeat(3000) }];
        const first = await chat(gw.url, TEST_KEY, { messages, max_tokens: 3000 });
        const r1 = num(first.headers, "x-ratelimit-remaining-tokens");
        assert.equal(r1, 10_000 - first.json.usage!.prompt_tokens - 3000);
        // ≈ 6000 more: fits only because the first request's unused ≈ 2950 came back when it ended.
        const second = await chat(gw.url, TEST_KEY, { max_tokens: 6000 });
        assert.equal(second.status, 200, JSON.stringify(second.json.error));
        const r2 = num(second.headers, "x-ratelimit-remaining-tokens");
        assert.ok(r2 >= 10_000 - first.json.usage!.total_tokens - second.json.usage!.prompt_tokens - 6000 - 1, `r2 ${r2}`);

        assert.deepEqual(gw.reload(), { ok: true });
        const third = await chat(gw.url, TEST_KEY, { messages, max_tokens: 10 });
        // A fresh bucket would show 10 000 − this request; the reloaded gateway still holds the first prompt.
        assert.ok(num(third.headers, "x-ratelimit-remaining-tokens") < 10_000 - third.json.usage!.prompt_tokens - 10, "a reload keeps the counts");
      } finally {
        await gw.close();
      }
    });

    test("a stream is reconciled when it ends, and an aborted one when the client leaves", async () => {
      const gw = await startTestGateway(
        limitFolder({ grantK: 10, resources: { "sim-a": { provider: "sim", tokensPerSecond: 40 } }, extraPlatform: { state: backend.state() } }),
      );
      try {
        const body = { model: "gpt35", messages: [{ role: "user", content: "Tell me a story" }], max_tokens: 3000, stream: true, stream_options: { include_usage: true } };
        const res = await fetch(`${gw.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const r1 = num(res.headers, "x-ratelimit-remaining-tokens");
        const text = await res.text();
        const usage = JSON.parse(text.split("\n").filter((l) => l.includes('"usage":{')).pop()!.slice(6)) as { usage: { total_tokens: number } };
        const after = await chat(gw.url, TEST_KEY, { max_tokens: 3000 });
        const r2 = num(after.headers, "x-ratelimit-remaining-tokens");
        assert.ok(r2 >= r1 - usage.usage.total_tokens - 10, `stream reconciled: r2 ${r2} r1 ${r1}`);

        // Abort after the first event: the reservation (8000+) must not stay charged.
        const controller = new AbortController();
        const aborted = await fetch(`${gw.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json" },
          body: JSON.stringify({ ...body, max_tokens: 8000, messages: [{ role: "user", content: "Another story" }] }),
          signal: controller.signal,
        });
        const reader = aborted.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => undefined);
        // The server learns of the abort asynchronously; probe until the refund shows (bounded).
        let refunded = false;
        for (let i = 0; i < 100 && !refunded; i++) {
          const probe = await chat(gw.url, TEST_KEY, { max_tokens: 1 });
          // Without the refund ≈ 1900 would be left (and 25 s of refill needed to pass 6000).
          refunded = num(probe.headers, "x-ratelimit-remaining-tokens") > 6000;
          if (!refunded) await new Promise((r) => setTimeout(r, 50));
        }
        assert.ok(refunded, "the aborted stream's unused reservation came back");
        const records = (gw.usage as MemoryUsageSink).records;
        assert.ok(records.some((rec) => rec.aborted), "the abort was recorded");
      } finally {
        await gw.close();
      }
    });

    test("429 carries retry-after and x-ratelimit-*, and the OpenAI SDK raises RateLimitError", async () => {
      const gw = await startTestGateway(limitFolder({ grantK: 1, extraPlatform: { state: backend.state() } }));
      try {
        const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 0 });
        // A long prompt stays charged after reconcile: ≈ 650 of 1000 tokens, so the next ≈ 700 cannot fit
        // (for 21 s of refill).
        const content = "limits ".repeat(600);
        const ask = () => openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content }], max_tokens: 100 });
        await ask();
        const err = await ask().then(
          () => assert.fail("the second request should be limited"),
          (e: unknown) => e,
        );
        assert.ok(err instanceof OpenAI.RateLimitError, `got ${String(err)}`);
        assert.equal(err.status, 429);
        assert.equal(err.code, "rate_limited");
        assert.ok(Number(err.headers.get("retry-after")) >= 1);
        assert.ok(Number(err.headers.get("retry-after-ms")) > 0);
        assert.equal(err.headers.get("x-ratelimit-limit-tokens"), "1000");
        assert.ok(Number(err.headers.get("x-ratelimit-remaining-tokens")) < 700);
        assert.ok(err.headers.get("x-ratelimit-reset-tokens"));
      } finally {
        await gw.close();
      }
    });

    test("a request larger than the whole limit is refused for good, and the SDK does not retry it", async () => {
      const gw = await startTestGateway(limitFolder({ grantK: 1, extraPlatform: { state: backend.state() } }));
      try {
        const records = (gw.usage as MemoryUsageSink).records;
        const openai = new OpenAI({ baseURL: `${gw.url}/v1`, apiKey: TEST_KEY, maxRetries: 2 });
        const before = records.length;
        const err = await openai.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: "Hi" }], max_tokens: 5000 }).then(
          () => assert.fail("should be refused"),
          (e: unknown) => e,
        );
        assert.ok(err instanceof OpenAI.RateLimitError);
        assert.match(err.message, /Request too large .* more than the whole limit of 1000 tokens per minute/);
        assert.equal(err.headers.get("retry-after"), null);
        assert.equal(err.headers.get("x-should-retry"), "false");
        assert.equal(records.length - before, 1, "one attempt, no retries");
        // Nothing was taken: a normal request still sees a full bucket.
        const ok = await chat(gw.url, TEST_KEY, { max_tokens: 100 });
        assert.equal(num(ok.headers, "x-ratelimit-remaining-tokens"), 1000 - ok.json.usage!.prompt_tokens - 100);
      } finally {
        await gw.close();
      }
    });

    test("a request without max_tokens is not refused for the default the gateway chose", async () => {
      // 1000 tokens per minute, limits.defaultMaxTokens 1024: the default shrinks to what the limit leaves.
      const gw = await startTestGateway(limitFolder({ grantK: 1, extraPlatform: { state: backend.state() } }));
      try {
        const r = await chat(gw.url, TEST_KEY, {});
        assert.equal(r.status, 200);
        assert.equal(num(r.headers, "x-ratelimit-remaining-tokens"), 0, "the whole limit was reserved");
        const explicit = await chat(gw.url, TEST_KEY, { max_tokens: 1024 });
        assert.equal(explicit.status, 429, "an explicit max_tokens over the limit is too large");
        assert.equal(explicit.headers.get("x-should-retry"), "false");
      } finally {
        await gw.close();
      }
    });

    test("embeddings reserve their input only", async () => {
      const gw = await startTestGateway(limitFolder({ extraPlatform: { state: backend.state() } }));
      try {
        const r = await post(gw.url, "/v1/embeddings", TEST_KEY, { model: "embed", input: "the quick brown fox" });
        assert.equal(r.status, 200);
        assert.equal(num(r.headers, "x-ratelimit-remaining-tokens"), num(r.headers, "x-ratelimit-limit-tokens") - r.json.usage!.prompt_tokens);
      } finally {
        await gw.close();
      }
    });

    test("a model outside the tier's list is refused with 403", async () => {
      const gw = await startTestGateway(
        limitFolder({ teamATier: "embed-only", tiers: { "embed-only.yaml": "allowedModels: [text-embedding-ada-002]\n" }, extraPlatform: { state: backend.state() } }),
      );
      try {
        const r = await chat(gw.url, TEST_KEY, {});
        assert.equal(r.status, 403);
        assert.equal(r.json.error?.code, "permission_denied");
        assert.match(r.json.error?.message ?? "", /embed-only tier .* does not include model gpt-35-turbo/);
        assert.equal((await post(gw.url, "/v1/embeddings", TEST_KEY, { model: "embed", input: "x" })).status, 200);
      } finally {
        await gw.close();
      }
    });

    test("200 concurrent requests against a limit of N tokens use at most N plus the refill", async () => {
      const limit = 5000;
      const gw = await startTestGateway(limitFolder({ grantK: limit / 1000, extraPlatform: { state: backend.state() } }));
      try {
        const started = performance.now();
        const answers = await Promise.all(Array.from({ length: 200 }, () => chat(gw.url, TEST_KEY, { max_tokens: 100 })));
        const elapsedMs = performance.now() - started;
        const admitted = answers.filter((a) => a.status === 200);
        const limited = answers.filter((a) => a.status === 429);
        assert.equal(admitted.length + limited.length, 200, "nothing but 200 and 429");
        const used = admitted.reduce((sum, a) => sum + a.json.usage!.total_tokens, 0);
        const reservedEach = admitted[0]!.json.usage!.prompt_tokens + 100;
        // The bucket's contract (docs/limits.md): its content at the start plus its refill.
        const bound = limit * (1 + elapsedMs / 60_000);
        assert.ok(used <= bound, `used ${used} > bound ${bound.toFixed(0)}`);
        assert.ok(admitted.length >= Math.floor(limit / reservedEach), `admitted only ${admitted.length}: the full bucket must be usable`);
        assert.ok(limited.length > 0);
      } finally {
        await gw.close();
      }
    });
  });
}
