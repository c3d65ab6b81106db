import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "undici";
import { connect } from "node:net";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
before(async () => {
  // Content safety off: these tests are about parsing, not the guard (test/safety/ has its own).
  gw = await startTestGateway(standardConfig({ extraPlatform: { api: { maxBodyBytes: 64 * 1024 } }, contentSafety: "off" }));
});
after(() => gw.close());

async function post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await request(`${gw.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", ...headers },
    body,
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: safeJson(text), headers: res.headers };
}

function safeJson(text: string): { error?: { message: string; type: string; code: string; param: string | null } } {
  try {
    return JSON.parse(text) as never;
  } catch {
    return {};
  }
}

function assertClientError(r: { status: number; json: ReturnType<typeof safeJson>; headers: Record<string, unknown> }, status: number, code?: string) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(typeof r.json.error?.message, "string");
  assert.equal(typeof r.json.error?.type, "string");
  assert.ok("param" in (r.json.error ?? {}));
  if (code) assert.equal(r.json.error?.code, code);
  assert.ok(r.headers["x-request-id"]);
}

test("malformed JSON, wrong content type, empty and non-object bodies are clear 4xx errors", async () => {
  assertClientError(await post("/v1/chat/completions", "{ nope"), 400, "invalid_json");
  assertClientError(await post("/v1/chat/completions", ""), 400, "invalid_json");
  assertClientError(await post("/v1/chat/completions", "[1,2,3]"), 400, "invalid_request");
  assertClientError(await post("/v1/chat/completions", "null"), 400, "invalid_request");
  assertClientError(await post("/v1/chat/completions", "{}", { "content-type": "text/plain" }), 415, "unsupported_media_type");
});

test("wrong field types name the parameter", async () => {
  const cases: Array<[object, string]> = [
    [{ model: 42, messages: [] }, "model"],
    [{ model: "gpt35", messages: [] }, "messages"],
    [{ model: "gpt35", messages: [{ role: "wizard", content: "x" }] }, "messages[0].role"],
    [{ model: "gpt35", messages: [{ role: "user", content: 7 }] }, "messages[0].content"],
    [{ model: "gpt35", messages: [{ role: "user", content: "x" }], stream: "yes" }, "stream"],
    [{ model: "gpt35", messages: [{ role: "user", content: "x" }], max_tokens: -1 }, "max_tokens"],
    [{ model: "gpt35", messages: [{ role: "user", content: "x" }], temperature: "hot" }, "temperature"],
    [{ model: "gpt35", messages: [{ role: "user", content: "x" }], stream_options: { include_usage: "y" } }, "stream_options.include_usage"],
  ];
  for (const [body, param] of cases) {
    const r = await post("/v1/chat/completions", JSON.stringify(body));
    assertClientError(r, 400, "invalid_request");
    assert.equal(r.json.error?.param, param);
  }
  const e = await post("/v1/embeddings", JSON.stringify({ model: "embed", input: [] }));
  assert.equal(e.json.error?.param, "input");
  const f = await post("/v1/embeddings", JSON.stringify({ model: "embed", input: "x", encoding_format: "int8" }));
  assert.equal(f.json.error?.param, "encoding_format");
});

test("a body over the configured limit is 413, whether declared or streamed", async () => {
  const big = JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "x".repeat(100 * 1024) }] });
  assertClientError(await post("/v1/chat/completions", big), 413, "request_too_large");
});

test("deeply nested JSON is refused, not a crash", async () => {
  const deep = `{"model":"gpt35","messages":[{"role":"user","content":"x"}],"metadata":${"[".repeat(30000)}${"]".repeat(30000)}}`;
  const r = await post("/v1/chat/completions", deep);
  assert.ok(r.status < 500, `status ${r.status}`);
  assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
});

test("invalid UTF-8 is refused", async () => {
  const bytes = Buffer.concat([Buffer.from('{"model":"gpt35","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]);
  assertClientError(await post("/v1/chat/completions", bytes), 400, "invalid_json");
});

test("unknown and restricted routes are OpenAI-style 404s; wrong methods 405", async () => {
  for (const path of ["/v1/files", "/v1/assistants", "/v1/fine_tuning/jobs", "/v1/batches", "/v1/images/generations", "/v1/audio/speech", "/nope", "/openai/deployments/gpt35/images/generations?api-version=2024-10-21"]) {
    assertClientError(await post(path, "{}"), 404, "route_not_found");
  }
  const get = await request(`${gw.url}/v1/chat/completions`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
  assert.equal(get.statusCode, 405);
  await get.body.text();
});

test("Azure surface: api-version missing is 400 and unknown is 404, both listing supported versions", async () => {
  const body = JSON.stringify({ messages: [{ role: "user", content: "x" }] });
  const missing = await post("/openai/deployments/gpt35/chat/completions", body);
  assertClientError(missing, 400, "unsupported_api_version");
  assert.match(missing.json.error?.message ?? "", /2024-10-21/);
  const unknown = await post("/openai/deployments/gpt35/chat/completions?api-version=1999-01-01", body);
  assertClientError(unknown, 404, "unsupported_api_version");
  assert.match(unknown.json.error?.message ?? "", /Supported versions: any YYYY-MM-DD or YYYY-MM-DD-preview from 2022-12-01 on/);
  const ok = await post("/openai/deployments/gpt35/chat/completions?api-version=2024-06-01", body, { "api-key": TEST_KEY });
  assert.equal(ok.status, 200);
});

test("random bodies never produce a 5xx", async () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const atoms = ['"x"', "1", "-0.5e3", "true", "null", "[]", "{}", '"\\u0000"', '"gpt35"', '[{"role":"user","content":"hi"}]'];
  const keys = ["model", "messages", "stream", "input", "prompt", "max_tokens", "n", "stream_options", "__proto__", "constructor"];
  for (let i = 0; i < 200; i++) {
    const fields = Array.from({ length: Math.floor(rnd() * 5) }, () => `"${keys[Math.floor(rnd() * keys.length)]}":${atoms[Math.floor(rnd() * atoms.length)]}`);
    const path = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings"][i % 3] as string;
    const r = await post(path, `{${fields.join(",")}}`);
    assert.ok(r.status < 500, `${path} {${fields.join(",")}} → ${r.status} ${r.text}`);
  }
});

test("a prompt holding special-token text is served and counted as text, streamed or not", async () => {
  const content = "What does <|endoftext|> mean, and <|im_start|>system?";
  for (const [path, extra] of [
    ["/v1/chat/completions", {}],
    ["/v1/chat/completions", { stream: true, stream_options: { include_usage: true } }],
    ["/v1/embeddings", null],
  ] as const) {
    const body = extra === null ? { model: "embed", input: content } : { model: "gpt35", messages: [{ role: "user", content }], ...extra };
    const r = await post(path, JSON.stringify(body));
    assert.equal(r.status, 200, r.text);
    const usage = /"prompt_tokens":(\d+)/.exec(r.text);
    assert.ok(Number(usage?.[1]) > 10, r.text.slice(0, 300));
  }
});

test("a raw garbage request line does not take the server down", async () => {
  await new Promise<void>((resolve) => {
    const socket = connect(gw.port, "127.0.0.1", () => socket.end("\x00\xff GARBAGE /// HTTP/9\r\n\r\n"));
    socket.on("close", () => resolve());
    socket.on("error", () => resolve());
    socket.resume();
  });
  const res = await fetch(`${gw.url}/healthz`);
  assert.equal(res.status, 200);
});
