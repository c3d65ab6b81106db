import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { standardConfig, TEST_KEY, writeConfigDir } from "../support/config-dir.js";
import { sendJson, startFakeUpstream, type UpstreamHandler } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { chat, closedPortUrl, healthy, poolConfig, rateLimited } from "../routing/pool-kit.js";

function lines(gw: TestGateway): Array<Record<string, unknown>> {
  return gw.logs
    .flatMap((chunk) => chunk.split("\n"))
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test("circuits opening and closing and members cooling down are warn lines with the reason, metrics per member, and named in the 503", async () => {
  let aHandler: UpstreamHandler = (_req, res) => sendJson(res, 500, { error: { message: "boom", type: "server_error" } });
  const a = await startFakeUpstream((req, res) => aHandler(req, res));
  const b = await startFakeUpstream((_req, res) => rateLimited(res, { "retry-after": "30" }));
  const gw = await startTestGateway(poolConfig([{ id: "a", url: a.url, priority: 1 }, { id: "b", url: b.url, priority: 2 }], { breaker: { failures: 1, cooldownMs: 2000 } }));
  try {
    const first = await chat(gw);
    assert.equal(first.status, 503, first.text);
    const message = (JSON.parse(first.text) as { error: { message: string } }).error.message;
    assert.match(message, /a\/chat-deploy: circuit open for \d+ s more \(The upstream failed with status 500\.\)/);
    assert.match(message, /b\/chat-deploy: cooling down for \d+ s more \(The upstream is rate limiting this deployment\.\)/);

    const opened = lines(gw).find((l) => l["msg"] === "circuit opened");
    assert.deepEqual([opened?.["level"], opened?.["member"], opened?.["reason"]], ["warn", "a/chat-deploy", "The upstream failed with status 500."]);
    const cooling = lines(gw).find((l) => l["msg"] === "member cooling down");
    assert.deepEqual([cooling?.["level"], cooling?.["member"], cooling?.["coolMs"]], ["warn", "b/chat-deploy", 30_000]);

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    // Open, or already half-open when a loaded machine took longer than the cool-down to get here.
    assert.match(metrics, /atrium_member_circuit_state\{member="a\/chat-deploy"\} [12]/);
    assert.match(metrics, /atrium_member_circuit_state\{member="b\/chat-deploy"\} 0/);
    assert.match(metrics, /atrium_member_cooling\{member="b\/chat-deploy"\} 1/);
    assert.match(metrics, /atrium_member_circuit_opened_total\{member="a\/chat-deploy"\} 1/);

    // a recovers: after its cool-down the probe succeeds and the circuit closes.
    aHandler = healthy("a");
    let served = false;
    for (let i = 0; i < 200 && !served; i++) {
      await new Promise((r) => setTimeout(r, 50));
      served = (await chat(gw)).status === 200;
    }
    assert.ok(served, "a serves again after its cool-down");
    const closed = lines(gw).find((l) => l["msg"] === "circuit closed");
    assert.deepEqual([closed?.["level"], closed?.["member"]], ["warn", "a/chat-deploy"]);
    assert.match(await (await fetch(`${gw.url}/metrics`)).text(), /atrium_member_circuit_state\{member="a\/chat-deploy"\} 0/);
  } finally {
    await gw.close();
    await a.close();
    await b.close();
  }
});

test("/metrics is open by default and needs the bearer token once metrics.token is set", async () => {
  const token = "metrics-token-0123456789";
  const gw = await startTestGateway(standardConfig({ extraPlatform: { metrics: { token: "${METRICS_TOKEN}" } } }), { env: { METRICS_TOKEN: token } });
  try {
    const none = await fetch(`${gw.url}/metrics`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, "invalid_api_key");
    const wrong = await fetch(`${gw.url}/metrics`, { headers: { authorization: "Bearer metrics-token-wrong-000000" } });
    assert.equal(wrong.status, 401);
    await wrong.body?.cancel();
    const right = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(right.status, 200);
    assert.match(await right.text(), /atrium_requests_total|process_cpu/);
  } finally {
    await gw.close();
  }
  const open = await startTestGateway(standardConfig());
  try {
    const res = await fetch(`${open.url}/metrics`);
    assert.equal(res.status, 200);
    await res.body?.cancel();
  } finally {
    await open.close();
  }
});

test("a reload that changes listen or storage says a restart is needed instead of \"config reloaded\"", async () => {
  const gw = await startTestGateway(standardConfig());
  try {
    const path = join(gw.dir, "atrium.yaml");
    const platform = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...platform, listen: { host: "127.0.0.1", port: 9999 }, storage: { kind: "sqlite", path: "./other.db" } }));
    assert.deepEqual(gw.reload(), { ok: true });
    const line = lines(gw).at(-1);
    assert.equal(line?.["level"], "warn");
    assert.deepEqual(line?.["restartNeeded"], ["listen", "storage"]);
    assert.match(String(line?.["msg"]), /restart to apply/);
    // The rest of a reload still applies, and a reload without such a change says "config reloaded".
    writeFileSync(path, JSON.stringify(platform));
    assert.deepEqual(gw.reload(), { ok: true });
    assert.equal(lines(gw).at(-1)?.["msg"], "config reloaded");
  } finally {
    await gw.close();
  }
});

test("/readyz checks Redis when limits live there", async () => {
  const down = await startTestGateway(standardConfig({ extraPlatform: { state: { kind: "redis", url: `redis://${new URL(await closedPortUrl()).host}` } } }));
  try {
    const res = await fetch(`${down.url}/readyz`);
    assert.equal(res.status, 503);
    await res.body?.cancel();
  } finally {
    await down.close();
  }
  const up = await startTestGateway(standardConfig({ extraPlatform: { state: { kind: "redis", url: "redis://127.0.0.1:6379", prefix: `atrium-readyz-${process.pid}:` } } }));
  try {
    let status = 0;
    // ioredis connects in the background; ready once it has.
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${up.url}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 200);
  } finally {
    await up.close();
  }
});

test("/admin/reports/usage right after a call includes it", async () => {
  const folder = standardConfig();
  const platform = folder.platform as Record<string, unknown>;
  platform["auth"] = { keys: [{ key: TEST_KEY, consumer: "team-a" }], adminKeys: [{ key: "operator-key-0123456789abcdef", roles: ["operator"], name: "ops" }] };
  const gw = await startTestGateway(folder);
  try {
    assert.equal((await chat(gw)).status, 200);
    const today = new Date().toISOString().slice(0, 10);
    const res = await fetch(`${gw.url}/admin/reports/usage?from=${today}&to=${today}`, { headers: { authorization: "Bearer operator-key-0123456789abcdef" } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rows: Array<{ key: string; requests: number }> };
    assert.equal(body.rows.find((r) => r.key === "team-a")?.requests, 1, JSON.stringify(body));
  } finally {
    await gw.close();
  }
});

test("atrium serve logs SIGTERM and the end of the drain, with level names", async () => {
  const { dir, remove } = writeConfigDir(standardConfig({ extraPlatform: { log: { level: "info" } } }));
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "../../src/cli/main.ts"), "serve", "--config", dir, "--port", "0", "--host", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (/listening on/.test(out)) resolve();
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
    const logged = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const received = logged.find((l) => l["msg"] === "SIGTERM received: draining in-flight requests");
    assert.deepEqual([received?.["level"], received?.["signal"]], ["info", "SIGTERM"]);
    const drained = logged.find((l) => l["msg"] === "drained; stopped");
    assert.equal(drained?.["level"], "info");
    assert.equal(typeof drained?.["drainMs"], "number");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    remove();
  }
});
