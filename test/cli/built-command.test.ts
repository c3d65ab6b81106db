import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { copyOfDemo } from "../support/demo-copy.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = `${ROOT}dist/cli/main.js`;
const built = existsSync(BIN) ? undefined : "dist/ is not built (npm ci builds it)";
const KEY = "atrium-demo-key-change-me";

/**
 * The bundle `npm run build` writes is what `atrium` runs: its lazily loaded verbs, the packages
 * it loads by path (undici, the tokenizer's rank tables) and the ones left outside it
 * (better-sqlite3, pino) must all resolve from `dist/cli/`.
 */
test("the built command serves a chat request and a stream from a copy of the demo config", { skip: built }, async () => {
  const dir = copyOfDemo(ROOT, "atrium-built-");
  const serve = spawn("sh", [BIN, "serve", "--config", dir, "--port", "0", "--host", "127.0.0.1"], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      serve.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
      createInterface({ input: serve.stdout }).on("line", (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m) resolve(m[1] as string);
      });
    });
    const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
    const chat = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: "Hello" }] }) });
    assert.equal(chat.status, 200);
    const body = (await chat.json()) as { choices: { message: { content: string } }[]; usage: { total_tokens: number } };
    assert.match(body.choices[0]?.message.content ?? "", /simulated/);
    assert.ok(body.usage.total_tokens > 0);

    const stream = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers, body: JSON.stringify({ model: "gpt35", stream: true, messages: [{ role: "user", content: "Hi" }] }) });
    assert.equal(stream.status, 200);
    const text = await stream.text();
    assert.match(text, /"delta"/);
    assert.match(text, /data: \[DONE\]\n\n$/);
  } finally {
    serve.kill("SIGTERM");
    await once(serve, "exit");
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the built command's file verbs load their own parts of the bundle", { skip: built }, () => {
  const plan = spawnSync("sh", [BIN, "plan", `${ROOT}demo`], { encoding: "utf8" });
  assert.equal(plan.status, 0, plan.stderr);
  assert.match(plan.stdout, /gpt35\s+chat-pool/);

  const dir = copyOfDemo(ROOT, "atrium-built-json-");
  try {
    writeFileSync(`${dir}/consumers/consumer-1.json`, '{ "consumerName": "consumer-1",, }');
    const validate = spawnSync("sh", [BIN, "validate", dir], { encoding: "utf8" });
    assert.equal(validate.status, 1, validate.stderr);
    assert.match(validate.stdout, /consumers\/consumer-1\.json \$: not valid JSON at line 1, column 32/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const redact = spawnSync("sh", [BIN, "redact"], { input: '{"id":"a","text":"mail jane@example.com"}\n', encoding: "utf8" });
  assert.equal(redact.status, 0, redact.stderr);
  assert.deepEqual(JSON.parse(redact.stdout), { id: "a", text: "mail <EMAIL>" });
});
