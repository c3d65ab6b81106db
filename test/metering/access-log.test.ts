import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

const PROMPT = "the launch code is 0000-1111";
let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(standardConfig());
});
after(() => gw.close());

function requestLines(requestId: string): Array<Record<string, unknown>> {
  return gw.logs
    .flatMap((chunk) => chunk.split("\n"))
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l["msg"] === "request" && l["requestId"] === requestId);
}

test("one JSON access log line per request at info: who, what served it, status, latency, tokens", async () => {
  for (const stream of [false, true]) {
    const requestId = `access-${stream}`;
    const res = await fetch(`${gw.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": requestId, "user-agent": "OpenAI/Python 1.99.1" },
      body: JSON.stringify({ model: "gpt35", stream, messages: [{ role: "user", content: PROMPT }] }),
    });
    await res.text();
    const lines = requestLines(requestId);
    assert.equal(lines.length, 1, `exactly one line for ${requestId}`);
    const line = lines[0] as Record<string, unknown>;
    assert.equal(line["level"], "info", "levels are names, not pino's numbers");
    assert.equal(line["clientIp"], "127.0.0.1");
    assert.equal(line["userAgent"], "OpenAI/Python 1.99.1");
    assert.equal(line["consumer"], "team-a");
    assert.equal(line["deployment"], "gpt35");
    assert.equal(line["target"], "sim-a/chat-deploy");
    assert.equal(line["status"], 200);
    assert.equal(line["streamed"], stream);
    assert.equal(typeof line["latencyMs"], "number");
    assert.ok((line["totalTokens"] as number) > 0);
    if (stream) assert.equal(typeof line["ttftMs"], "number");
  }
});

test("a refused request is logged with its code, and no key or prompt reaches any log line", async () => {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer sk-not-a-real-key-but-secret", "content-type": "application/json", "x-request-id": "access-refused" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: PROMPT }] }),
  });
  assert.equal(res.status, 401);
  const [line] = requestLines("access-refused");
  assert.deepEqual([line?.["status"], line?.["code"]], [401, "invalid_api_key"]);
  const all = gw.logs.join("");
  assert.ok(!all.includes(TEST_KEY) && !all.includes("sk-not-a-real-key"), "no credential in logs");
  assert.ok(!all.includes("launch code"), "no prompt in logs");
});

test("requests refused before the policy chain get an access line and a count: unknown route, no credential; bad JSON is the caller's", async () => {
  const send = (path: string, body: string, headers: Record<string, string>, requestId: string) =>
    fetch(`${gw.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-request-id": requestId, ...headers }, body });
  const cases = [
    { id: "early-404", res: await send("/v1/no-such-route?api-key=secret-in-query", "{}", { authorization: `Bearer ${TEST_KEY}` }, "early-404"), status: 404, code: "route_not_found" },
    { id: "early-401", res: await send("/v1/chat/completions", "{}", {}, "early-401"), status: 401, code: "invalid_api_key" },
  ];
  for (const c of cases) {
    assert.equal(c.res.status, c.status);
    const body = (await c.res.json()) as { error: { code: string } };
    const [line] = requestLines(c.id);
    assert.ok(line, `an access line for ${c.id}`);
    assert.equal(line["status"], c.status);
    assert.equal(line["code"], body.error.code);
    assert.equal(line["method"], "POST");
    assert.equal(line["clientIp"], "127.0.0.1");
    assert.equal(typeof line["userAgent"], "string");
    if (c.code) assert.equal(body.error.code, c.code);
  }
  assert.equal(requestLines("early-404")[0]?.["path"], "/v1/no-such-route", "the query string is not logged");
  // The body is read after auth, inside the chain: a bad body is its caller's, with a usage record.
  const bad = await send("/v1/chat/completions", "{not json", { authorization: `Bearer ${TEST_KEY}` }, "early-400");
  assert.equal(bad.status, 400);
  const [badLine] = requestLines("early-400");
  assert.deepEqual([badLine?.["status"], badLine?.["code"], badLine?.["consumer"]], [400, "invalid_json", "team-a"]);
  assert.ok(!gw.logs.join("").includes("secret-in-query"));
  const metrics = await (await fetch(`${gw.url}/metrics`)).text();
  assert.match(metrics, /atrium_http_rejections_total\{status="404",code="route_not_found"\} [1-9]/);
  assert.match(metrics, /atrium_http_rejections_total\{status="401",code="invalid_api_key"\} [1-9]/);
});

test("a client that leaves in the middle of its request body gets an access line, and the gateway serves on", async () => {
  const { connect } = await import("node:net");
  const port = Number(new URL(gw.url).port);
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${TEST_KEY}\r\n` +
          `X-Request-Id: left-mid-body\r\nContent-Length: 1000\r\n\r\n{"model":"gpt35",`,
      );
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on("close", () => resolve()).on("error", reject);
  });
  let line: Record<string, unknown> | undefined;
  for (let waited = 0; !line && waited < 5_000; waited += 20) {
    await new Promise((r) => setTimeout(r, 20));
    [line] = requestLines("left-mid-body");
  }
  assert.deepEqual([line?.["status"], line?.["code"], line?.["consumer"]], [400, "invalid_request", "team-a"]);
  const next = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TEST_KEY}` },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "hi" }] }),
  });
  assert.equal(next.status, 200);
});
