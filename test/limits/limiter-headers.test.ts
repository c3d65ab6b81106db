import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { limiterHeaders, openaiDuration } from "../../src/limits/limiter-headers.js";

describe("limiter headers", () => {
  test("formats resets the way OpenAI does", () => {
    const cases: [number, string][] = [
      [0, "0s"],
      [0.2, "1ms"],
      [120, "120ms"],
      [1000, "1s"],
      [1500, "1.5s"],
      [8640, "8.64s"],
      [60_000, "1m0s"],
      [61_250, "1m1.25s"],
      [360_000, "6m0s"],
      [3_600_000, "1h0m0s"],
    ];
    for (const [ms, text] of cases) assert.equal(openaiDuration(ms), text, `${ms} ms`);
  });

  test("describes an admission without retry headers", () => {
    const headers = limiterHeaders({
      ok: true,
      limitTokens: 1000,
      remainingTokens: 700,
      resetTokensMs: 18_000,
      limitRequests: 60,
      remainingRequests: 59,
      resetRequestsMs: 1000,
    });
    assert.deepEqual(headers, {
      "x-ratelimit-limit-requests": "60",
      "x-ratelimit-limit-tokens": "1000",
      "x-ratelimit-remaining-requests": "59",
      "x-ratelimit-remaining-tokens": "700",
      "x-ratelimit-reset-requests": "1s",
      "x-ratelimit-reset-tokens": "18s",
    });
  });

  test("tells a rejected client when to come back, rounding up", () => {
    const headers = limiterHeaders({ ok: false, limitTokens: 1000, remainingTokens: 200, resetTokensMs: 48_000, retryAfterMs: 6001 });
    assert.equal(headers["retry-after"], "7");
    assert.equal(headers["retry-after-ms"], "6001");
    assert.equal(headers["x-ratelimit-reset-tokens"], "48s");
  });

  test("sends no retry headers for a request too large to ever fit", () => {
    const headers = limiterHeaders({ ok: false, tooLarge: true, limitTokens: 1000, rejectedKey: "c1" });
    assert.deepEqual(headers, { "x-ratelimit-limit-tokens": "1000" });
  });
});
