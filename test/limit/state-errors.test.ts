import assert from "node:assert/strict";
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { REDIS_URL, RUN_PREFIX } from "../limits/redis-connection.js";
import { startTestGateway } from "../support/test-gateway.js";
import { BACKENDS, TEST_KEY, chat, limitFolder } from "./limit-kit.js";

/** A loopback TCP proxy to Redis that a test can cut and restore: Redis "going away" mid-run. */
async function redisProxy(port = 0): Promise<{ port: number; close(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => s.destroy());
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const redis = BACKENDS.find((b) => b.name === "redis")!;
const stateVia = (port: number) => ({ kind: "redis", url: `redis://127.0.0.1:${port}`, prefix: `${RUN_PREFIX}down${port}:` });

describe("when the shared state is unreachable", { skip: redis.skip }, () => {
  test("limits fail open by default: requests pass, with a warning and a metric, and come back with Redis", async () => {
    const proxy = await redisProxy();
    const gw = await startTestGateway(
      limitFolder({ grantK: 10, tiers: { "t.yaml": { budget: { monthlyUsd: 1, hard: true } } }, teamATier: "t", extraPlatform: { state: stateVia(proxy.port) } }),
    );
    let restored: Awaited<ReturnType<typeof redisProxy>> | undefined;
    try {
      const up = await chat(gw.url, TEST_KEY, {});
      assert.equal(up.status, 200);
      assert.ok(up.headers.get("x-ratelimit-remaining-tokens"), "limited while Redis answers");

      await proxy.close();
      const down = await Promise.all(Array.from({ length: 5 }, () => chat(gw.url, TEST_KEY, {})));
      assert.deepEqual(down.map((d) => d.status), [200, 200, 200, 200, 200], "admitted, not a 5xx");
      assert.equal(down[0]!.headers.get("x-ratelimit-remaining-tokens"), null, "unlimited while the state is away");
      assert.ok(gw.logs.some((l) => l.includes("shared limiter state unavailable")), "a warning was logged");
      const metrics = await (await fetch(`${gw.url}/metrics`)).text();
      const errors = metrics.split("\n").filter((l) => l.startsWith("atrium_state_errors_total{") && l.includes('operation="reserve"'));
      assert.ok(errors.length > 0 && Number(errors[0]!.split(" ").pop()) >= 5, `metric: ${errors.join("\n")}`);

      restored = await redisProxy(proxy.port);
      let back = false;
      for (let i = 0; i < 100 && !back; i++) {
        back = (await chat(gw.url, TEST_KEY, {})).headers.get("x-ratelimit-remaining-tokens") !== null;
        if (!back) await sleep(100);
      }
      assert.ok(back, "limits resume once Redis is reachable again");
    } finally {
      await gw.close();
      await restored?.close();
    }
  });

  test("with onStateError: closed, requests are refused with 503 and retry-after instead", async () => {
    const proxy = await redisProxy();
    const port = proxy.port;
    await proxy.close(); // nothing listens there now
    const gw = await startTestGateway(limitFolder({ extraPlatform: { state: stateVia(port), limits: { onStateError: "closed" } } }));
    try {
      const r = await chat(gw.url, TEST_KEY, {});
      assert.equal(r.status, 503);
      assert.equal(r.json.error?.code, "service_unavailable");
      assert.equal(r.headers.get("retry-after"), "1");
      assert.equal((await fetch(`${gw.url}/healthz`)).status, 200, "the gateway itself is fine");
    } finally {
      await gw.close();
    }
  });
});
