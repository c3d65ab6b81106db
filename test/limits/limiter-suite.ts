import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import type { Admission, LimitRule, Limiter } from "../../src/limits/limiter.js";

/** Makes a fresh limiter (fresh state) reading time from `clock`. */
export type MakeLimiter = (clock: () => number) => Limiter;

/**
 * The behaviour both backends must share, declared inside the caller's describe().
 * Time is a fake clock the tests move by hand. With Redis, keys still expire on the
 * server's real clock, so the tests leave deficits large enough (≥ 60 ms of refill) to
 * outlive them.
 */
export function limiterSuite(make: MakeLimiter): void {
  let nowMs = 1_700_000_000_000;
  const opened: Limiter[] = [];
  const fresh = (): Limiter => {
    const limiter = make(() => nowMs);
    opened.push(limiter);
    return limiter;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((l) => l.close()));
  });
  const tpm = (key: string, tokensPerMinute: number): LimitRule => ({ key, tokensPerMinute });
  const reserved = (a: Admission) => {
    assert.equal(a.ok, true, `expected admission, got ${JSON.stringify(a)}`);
    assert.ok(a.reservation);
    return a.reservation;
  };
  /** Tokens left in a tokens-only rule, read by reserving nothing. */
  const left = async (l: Limiter, rule: LimitRule) => (await l.reserve([rule], 0)).remainingTokens;

  test("admits a request under the token limit and reports what remains", async () => {
    const a = await fresh().reserve([tpm("c1|gpt35|dev", 1000)], 300);
    assert.equal(a.ok, true);
    assert.equal(a.limitTokens, 1000);
    assert.equal(a.remainingTokens, 700);
    assert.equal(a.resetTokensMs, 18_000);
    assert.equal(a.reservation?.tokens, 300);
    assert.equal(a.retryAfterMs, undefined);
  });

  test("rejects a request over the remaining tokens with a retry hint", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    reserved(await l.reserve([rule], 800));
    const a = await l.reserve([rule], 300);
    assert.equal(a.ok, false);
    assert.equal(a.tooLarge, undefined);
    assert.equal(a.rejectedKey, "c1");
    assert.equal(a.remainingTokens, 200);
    assert.ok((a.retryAfterMs ?? 0) > 0);
    assert.equal(a.retryAfterMs, 6000); // 100 tokens missing at 1000/min
    assert.equal(a.reservation, undefined);
  });

  test("a rejected reserve consumes nothing", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    reserved(await l.reserve([rule], 800));
    for (let i = 0; i < 5; i++) assert.equal((await l.reserve([rule], 300)).ok, false);
    reserved(await l.reserve([rule], 200));
    assert.equal((await l.reserve([rule], 1)).ok, false);
  });

  test("reconcile charges the actual usage, down or up", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    await l.reconcile(reserved(await l.reserve([rule], 500)), 200);
    assert.equal(await left(l, rule), 800);
    await l.reconcile(reserved(await l.reserve([rule], 300)), 600);
    assert.equal(await left(l, rule), 200);
  });

  test("an overrun drives the bucket negative and the next requests pay", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    await l.reconcile(reserved(await l.reserve([rule], 900)), 1500);
    const a = await l.reserve([rule], 1);
    assert.equal(a.ok, false);
    assert.equal(a.remainingTokens, 0);
    assert.equal(a.retryAfterMs, 30_060); // 501 tokens at 1000/min
    nowMs += 30_000;
    assert.equal((await l.reserve([rule], 1)).ok, false);
    nowMs += 60;
    reserved(await l.reserve([rule], 1));
  });

  test("release gives back the tokens and the request", async () => {
    const l = fresh();
    const rule: LimitRule = { key: "c1", tokensPerMinute: 1000, requestsPerMinute: 1 };
    await l.release(reserved(await l.reserve([rule], 600)));
    const a = await l.reserve([rule], 1000);
    reserved(a);
    assert.equal(a.remainingTokens, 0);
    assert.equal(a.remainingRequests, 0);
  });

  test("a reconcile that refills the tokens keeps the request count", async () => {
    const l = fresh();
    const rule: LimitRule = { key: "c1", tokensPerMinute: 1000, requestsPerMinute: 2 };
    await l.reconcile(reserved(await l.reserve([rule], 100)), 0);
    const a = await l.reserve([rule], 1000);
    assert.equal(a.remainingRequests, 0);
    assert.equal((await l.reserve([rule], 1)).rejectedKey, "c1");
  });

  test("settling a reservation twice changes nothing more", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    const first = reserved(await l.reserve([rule], 500));
    reserved(await l.reserve([rule], 300));
    await l.release(first);
    await l.release(first);
    await l.reconcile(first, 0);
    assert.equal(await left(l, rule), 700);
  });

  test("reads nonsense usage as the reserved amount, and negative usage as none", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    await l.reconcile(reserved(await l.reserve([rule], 500)), NaN);
    assert.equal(await left(l, rule), 500);
    await l.reconcile(reserved(await l.reserve([rule], 400)), -50);
    assert.equal(await left(l, rule), 500);
  });

  test("refills continuously over time, up to the per-minute budget", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    reserved(await l.reserve([rule], 1000));
    assert.equal((await l.reserve([rule], 100)).ok, false);
    nowMs += 6000;
    reserved(await l.reserve([rule], 100));
    assert.equal((await l.reserve([rule], 1)).ok, false);
    nowMs += 120_000;
    assert.equal(await left(l, rule), 1000);
  });

  test("checks every rule and reserves in none when one rejects", async () => {
    const l = fresh();
    const consumer = tpm("consumer-1|gpt35|dev", 1000);
    const deployment = tpm("deployment|gpt35-eu", 100);
    reserved(await l.reserve([consumer, deployment], 50));
    const a = await l.reserve([consumer, deployment], 60);
    assert.equal(a.ok, false);
    assert.equal(a.rejectedKey, "deployment|gpt35-eu");
    reserved(await l.reserve([consumer], 950));
    assert.equal((await l.reserve([consumer], 1)).ok, false);
    reserved(await l.reserve([deployment], 50));
  });

  test("limits requests per minute", async () => {
    const l = fresh();
    const rule: LimitRule = { key: "c1", requestsPerMinute: 3 };
    for (let i = 0; i < 3; i++) reserved(await l.reserve([rule], 10_000));
    const a = await l.reserve([rule], 1);
    assert.equal(a.ok, false);
    assert.equal(a.limitRequests, 3);
    assert.equal(a.remainingRequests, 0);
    assert.equal(a.retryAfterMs, 20_000);
    assert.equal(a.rejectedKey, "c1");
    nowMs += 20_000;
    reserved(await l.reserve([rule], 1));
  });

  test("admits exactly the limit under 200 concurrent reserves", async () => {
    const l = fresh();
    const rules = [tpm("consumer", 1000), { key: "deployment", tokensPerMinute: 5000, requestsPerMinute: 150 }];
    const answers = await Promise.all(Array.from({ length: 200 }, () => l.reserve(rules, 7)));
    const admitted = answers.filter((a) => a.ok).length;
    assert.ok(admitted * 7 <= 1000);
    assert.equal(admitted, Math.floor(1000 / 7));
  });

  test("flags a request larger than the whole per-minute budget as tooLarge", async () => {
    const l = fresh();
    const rule = tpm("c1", 1000);
    const a = await l.reserve([tpm("other", 10_000), rule], 1001);
    assert.equal(a.ok, false);
    assert.equal(a.tooLarge, true);
    assert.equal(a.rejectedKey, "c1");
    assert.equal(a.retryAfterMs, undefined);
    reserved(await l.reserve([rule], 1000));
  });

  test("reports the rule with the least remaining for the headers", async () => {
    const l = fresh();
    const a = await l.reserve([tpm("wide", 10_000), tpm("narrow", 1000), { key: "rpm", requestsPerMinute: 60 }], 100);
    assert.equal(a.limitTokens, 1000);
    assert.equal(a.remainingTokens, 900);
    assert.equal(a.limitRequests, 60);
    assert.equal(a.remainingRequests, 59);
    assert.equal(a.resetRequestsMs, 1000);
  });

  test("ignores rules without limits and refuses duplicate keys", async () => {
    const l = fresh();
    reserved(await l.reserve([{ key: "free" }], 1_000_000));
    await assert.rejects(l.reserve([tpm("c1", 10), tpm("c1", 20)], 1), TypeError);
    await assert.rejects(l.reserve([tpm("c1", 10)], -1), TypeError);
  });
}
