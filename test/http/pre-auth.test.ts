import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(standardConfig());
});
after(() => gw.close());

const TEN_MB = 10 * 1024 * 1024 - 64;
const HEAD = '{"model":"gpt35","messages":[{"role":"user","content":"x"}],"metadata":';

/**
 * Sends the request head and only the first `sent` bytes of a `total`-byte body, then waits for
 * the answer: if one comes, the gateway answered without the rest of the body.
 */
function partialPost(headers: string, total: number, sent: Buffer): Promise<{ head: string; body: string; closed: boolean }> {
  const port = Number(new URL(gw.url).port);
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${headers}Content-Length: ${total}\r\n\r\n`);
      socket.write(sent);
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer without the whole body; got ${JSON.stringify(text.slice(0, 200))}`));
    }, 10_000);
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      const at = text.indexOf("\r\n\r\n");
      resolve({ head: text.slice(0, at), body: text.slice(at + 4), closed: true });
    });
  });
}

test("a 10 MB deeply nested body with a bad key is answered 401 before the body is sent, and the connection closed", async () => {
  const first = Buffer.from(HEAD + "[".repeat(64 * 1024));
  for (const credential of ["Authorization: Bearer not-a-key-0123456789abcdef\r\n", "api-key: atr_ZZZZZZZZZZZZ_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"]) {
    const r = await partialPost(credential, TEN_MB, first);
    assert.match(r.head, /^HTTP\/1\.1 401 /);
    assert.match(r.head, /\r\nconnection: close/i, "the unread body is not drained");
    assert.equal((JSON.parse(r.body) as { error: { code: string } }).error.code, "invalid_api_key");
  }
  assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
});

async function post(path: string, body: string, headers: Record<string, string> = { authorization: `Bearer ${TEST_KEY}` }) {
  const res = await fetch(`${gw.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

test("a 200,000-deep value answers 400 wherever it sits, on every surface", async () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  const d = deep(200_000);
  const cases: Array<[string, string]> = [
    ["/v1/chat/completions", `{"model":"gpt35","messages":[{"role":"assistant","content":"x","tool_calls":${d}}]}`],
    ["/v1/chat/completions", `{"model":"gpt35","messages":[{"role":"user","content":${d}}]}`],
    ["/v1/chat/completions", `{"model":"gpt35","messages":[{"role":"user","content":"x"}],"tools":${d}}`],
    ["/v1/completions", `{"model":"gpt35","prompt":${d}}`],
    ["/v1/embeddings", `{"model":"embed","input":${d}}`],
    ["/openai/deployments/gpt35/chat/completions?api-version=2024-10-21", `{"messages":[{"role":"assistant","content":"x","tool_calls":${d}}]}`],
  ];
  for (const [path, body] of cases) {
    const r = await post(path, body);
    assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error?.code, "invalid_json");
    assert.match(r.body.error?.message ?? "", /deeper than 128 levels/);
  }
  const nested = `{"messages":[{"role":"user","content":"x"}],"model":"gpt35","metadata":${deep(120)}}`;
  assert.notEqual((await post("/v1/chat/completions", nested)).body.error?.code, "invalid_json", "128 levels are allowed");
  const inStrings = JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: `\\"${"[{".repeat(500)}\\` }] });
  assert.equal((await post("/v1/chat/completions", inStrings)).status, 200, "brackets inside strings (after escapes) are text");
  assert.equal((await fetch(`${gw.url}/healthz`)).status, 200);
});
