import { test } from "node:test";
import assert from "node:assert/strict";
import { sendJson, startFakeUpstream, type FakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { chat, content, healthy, poolConfig, rateLimited, sleep, usageRecord, type Member } from "./pool-kit.js";

async function withPool(
  members: ReadonlyArray<Omit<Member, "url"> & { handler: UpstreamHandler }>,
  settings: Record<string, unknown>,
  run: (gw: TestGateway, upstreams: FakeUpstream[]) => Promise<void>,
): Promise<void> {
  const upstreams = await Promise.all(members.map((m) => startFakeUpstream(m.handler)));
  const gw = await startTestGateway(poolConfig(members.map((m, i) => ({ ...m, url: (upstreams[i] as FakeUpstream).url })), settings));
  try {
    await run(gw, upstreams);
  } finally {
    for (const u of upstreams) await u.close();
    await gw.close();
  }
}

const fail500: UpstreamHandler = (_req, res) => sendJson(res, 500, { error: { message: "boom" } });

test("PTU first: at one priority the PTU member serves; its 429 spills to PAYG until the cool-down ends, then traffic returns", async () => {
  let ptuFull = false;
  // A cool-down of 3 s: long enough that the five requests below finish inside it on a loaded machine.
  const ptuHandler: UpstreamHandler = (req, res) => (ptuFull ? rateLimited(res, { "retry-after": "3" }) : healthy("ptu")(req, res));
  await withPool(
    [
      { id: "payg", priority: 1, type: "PAYG", handler: healthy("payg") },
      { id: "ptu", priority: 1, type: "PTU", handler: ptuHandler },
    ],
    {},
    async (gw, [payg, ptu]) => {
      for (let i = 0; i < 10; i++) assert.equal(content(await chat(gw)), "from ptu");
      assert.equal(payg?.requests.length, 0);

      ptuFull = true;
      const spilled = await chat(gw);
      assert.equal(spilled.status, 200);
      assert.equal(content(spilled), "from payg");
      assert.equal(spilled.headers.get("x-atrium-attempts"), "2");
      ptuFull = false;
      // Cooling: PTU is not asked again while its retry-after lasts, though it would answer now.
      for (let i = 0; i < 5; i++) assert.equal(content(await chat(gw, i % 2 === 1)), "from payg");
      assert.equal(ptu?.requests.length, 11);

      await sleep(3100);
      const back = await chat(gw);
      assert.equal(content(back), "from ptu");
      assert.equal(back.headers.get("x-atrium-attempts"), "1");
    },
  );
});

test("a lower priority number is preferred over a PTU member at a higher one", async () => {
  await withPool(
    [
      { id: "ptu", priority: 2, type: "PTU", handler: healthy("ptu") },
      { id: "payg", priority: 1, type: "PAYG", handler: healthy("payg") },
    ],
    {},
    async (gw, [ptu]) => {
      for (let i = 0; i < 5; i++) assert.equal(content(await chat(gw)), "from payg");
      assert.equal(ptu?.requests.length, 0);
    },
  );
});

test("splits traffic by weight (3:1) within ±5% over 2,000 requests", async () => {
  await withPool(
    [
      { id: "heavy", weight: 3, handler: healthy("heavy") },
      { id: "light", weight: 1, handler: healthy("light") },
    ],
    {},
    async (gw, [heavy, light]) => {
      const total = 2000;
      let sent = 0;
      let failed = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (sent < total) {
            sent++;
            if ((await chat(gw)).status !== 200) failed++;
          }
        }),
      );
      assert.equal(failed, 0);
      const h = heavy?.requests.length ?? 0;
      assert.equal(h + (light?.requests.length ?? 0), total);
      const expected = (total * 3) / 4;
      assert.ok(Math.abs(h - expected) <= expected * 0.05, `heavy served ${h} of ${total}, expected ${expected} ± 5%`);
    },
  );
});

test("a circuit opens after failures, probes with one request after the cool-down, and closes when the member recovers", async () => {
  await withPool(
    [
      { id: "a", priority: 1, handler: fail500 },
      { id: "b", priority: 2, handler: healthy("b") },
    ],
    { breaker: { failures: 3, windowMs: 60_000, cooldownMs: 400 } },
    async (gw, [a]) => {
      for (let i = 0; i < 3; i++) assert.equal((await chat(gw)).headers.get("x-atrium-attempts"), "2");
      assert.equal(a?.requests.length, 3);
      // Open: a is skipped, not tried.
      for (let i = 0; i < 3; i++) {
        const r = await chat(gw);
        assert.equal(content(r), "from b");
        assert.equal(r.headers.get("x-atrium-attempts"), "1");
      }
      assert.equal(a?.requests.length, 3);

      // Half-open, still broken: one probe, which fails and opens it again.
      await sleep(450);
      assert.equal((await chat(gw)).headers.get("x-atrium-attempts"), "2");
      assert.equal(a?.requests.length, 4);
      await chat(gw);
      assert.equal(a?.requests.length, 4);

      // Recovered (slowly): of concurrent requests exactly one probes a; the others go to b.
      a?.handle(async (req, res) => {
        await sleep(300);
        await healthy("a")(req, res);
      });
      await sleep(450);
      const batch = await Promise.all(Array.from({ length: 4 }, () => chat(gw)));
      assert.deepEqual(batch.map(content).sort(), ["from a", "from b", "from b", "from b"]);
      assert.equal(a?.requests.length, 5);

      // Closed again: a serves first-time.
      const after = await chat(gw);
      assert.equal(content(after), "from a");
      assert.equal(after.headers.get("x-atrium-attempts"), "1");
    },
  );
});

test("circuits and cool-downs survive a config reload", async () => {
  await withPool(
    [
      { id: "a", priority: 1, handler: fail500 },
      { id: "b", priority: 2, handler: healthy("b") },
    ],
    { breaker: { failures: 1, cooldownMs: 60_000 } },
    async (gw, [a]) => {
      await chat(gw);
      assert.equal(a?.requests.length, 1);
      assert.deepEqual(gw.reload(), { ok: true });
      assert.equal(content(await chat(gw)), "from b");
      assert.equal(a?.requests.length, 1);
    },
  );
});

test("when every member is cooling from a 429 the client gets 429 with retry-after, without upstream calls", async () => {
  const full: UpstreamHandler = (_req, res) => rateLimited(res, { "retry-after-ms": "1500" });
  await withPool(
    [
      { id: "a", priority: 1, handler: full },
      { id: "b", priority: 2, handler: full },
    ],
    {},
    async (gw, [a, b]) => {
      const first = await chat(gw);
      assert.equal(first.status, 429);
      assert.equal(first.headers.get("retry-after"), "2");
      assert.equal(first.headers.get("x-atrium-attempts"), "2");
      const body = JSON.parse(first.text) as { error: { code: string; type: string } };
      assert.equal(body.error.code, "rate_limited");
      assert.equal(body.error.type, "rate_limit_error");
      const second = await chat(gw, true);
      assert.equal(second.status, 429);
      assert.ok(Number(second.headers.get("retry-after")) >= 1);
      assert.equal(a?.requests.length, 1);
      assert.equal(b?.requests.length, 1);
      const record = usageRecord(gw, second.requestId);
      assert.equal(record?.status, 429);
    },
  );
});

test("when every member is broken the client gets 503 with retry-after; open circuits are not called", async () => {
  await withPool(
    [
      { id: "a", priority: 1, handler: fail500 },
      { id: "b", priority: 2, handler: fail500 },
    ],
    { breaker: { failures: 1, cooldownMs: 5_000 } },
    async (gw, [a, b]) => {
      const first = await chat(gw);
      assert.equal(first.status, 503);
      assert.equal(first.headers.get("x-atrium-attempts"), "2");
      const seconds = Number(first.headers.get("retry-after"));
      assert.ok(seconds >= 1 && seconds <= 5, `retry-after ${seconds}`);
      assert.equal((JSON.parse(first.text) as { error: { code: string } }).error.code, "service_unavailable");
      const second = await chat(gw);
      assert.equal(second.status, 503);
      assert.ok(Number(second.headers.get("retry-after")) >= 1);
      assert.equal(a?.requests.length, 1);
      assert.equal(b?.requests.length, 1);
    },
  );
});

test("retries are bounded by retry.maxAttempts", async () => {
  await withPool(
    [
      { id: "a", priority: 1, handler: fail500 },
      { id: "b", priority: 2, handler: fail500 },
      { id: "c", priority: 3, handler: healthy("c") },
    ],
    { retry: { maxAttempts: 2 } },
    async (gw, [a, b, c]) => {
      const r = await chat(gw);
      assert.equal(r.status, 503);
      assert.equal(r.headers.get("x-atrium-attempts"), "2");
      assert.equal(usageRecord(gw, r.requestId)?.attempts, 2);
      assert.equal((a?.requests.length ?? 0) + (b?.requests.length ?? 0), 2);
      assert.equal(c?.requests.length, 0);
    },
  );
});

test("no attempt starts after retry.deadlineMs", async () => {
  const slowFail: UpstreamHandler = async (req, res) => {
    await sleep(150);
    await fail500(req, res);
  };
  await withPool(
    [
      { id: "a", priority: 1, handler: slowFail },
      { id: "b", priority: 2, handler: healthy("b") },
    ],
    { retry: { deadlineMs: 50 } },
    async (gw, [, b]) => {
      const r = await chat(gw);
      assert.equal(r.status, 503);
      assert.equal(b?.requests.length, 0);
    },
  );
});

test("a one-member pool retries the same member for a transient 5xx", async () => {
  let calls = 0;
  const flaky: UpstreamHandler = (req, res) => (++calls <= 2 ? fail500(req, res) : healthy("a")(req, res));
  await withPool([{ id: "a", handler: flaky }], {}, async (gw) => {
    const r = await chat(gw);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get("x-atrium-attempts"), "3");
    assert.equal(usageRecord(gw, r.requestId)?.attempts, 3);
  });
});

test("a member whose last answer showed no headroom is tried after those that have it, not dropped", async () => {
  await withPool(
    [
      { id: "a", priority: 1, handler: healthy("a", { "x-ratelimit-remaining-requests": "0", "x-ratelimit-remaining-tokens": "0" }) },
      { id: "b", priority: 2, handler: healthy("b") },
    ],
    {},
    async (gw, [, b]) => {
      assert.equal(content(await chat(gw)), "from a");
      assert.equal(content(await chat(gw)), "from b");
      b?.handle(fail500);
      const r = await chat(gw);
      assert.equal(content(r), "from a");
      assert.equal(r.headers.get("x-atrium-attempts"), "2");
    },
  );
});

test("a client error from the upstream is not retried on another member", async () => {
  const bad: UpstreamHandler = (_req, res) => sendJson(res, 400, { error: { message: "max_tokens is too large", param: "max_tokens", code: null } });
  await withPool(
    [
      { id: "a", priority: 1, handler: bad },
      { id: "b", priority: 2, handler: healthy("b") },
    ],
    {},
    async (gw, [, b]) => {
      const r = await chat(gw);
      assert.equal(r.status, 400);
      assert.equal(b?.requests.length, 0);
    },
  );
});
