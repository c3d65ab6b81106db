import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { openDatabase } from "../../src/store/database.js";
import { standardConfig, TEST_KEY } from "../support/config-dir.js";
import { writeConfigDir } from "../support/config-dir.js";

const CLI = join(import.meta.dirname, "../../src/cli/main.ts");

/** `atrium serve` as its own process; resolves with its URL once it prints it. */
function serve(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "serve", "--config", dir, "--port", "0", "--host", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => reject(new Error(`atrium serve exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once("exit", () => r())));

/** One request; resolves with true only when the client saw the response whole. */
async function request(url: string, id: string, stream: boolean): Promise<boolean> {
  try {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/json", "x-request-id": id },
      body: JSON.stringify({ model: "gpt35", stream, messages: [{ role: "user", content: `request ${id} wants a few words back` }] }),
    });
    const text = await res.text();
    if (res.status !== 200) return false;
    if (stream) return text.endsWith("data: [DONE]\n\n");
    return typeof (JSON.parse(text) as { usage?: unknown }).usage === "object";
  } catch {
    return false; // the process died under it
  }
}

test("kill -9 under load: every request that got a complete response has exactly one usage record", async () => {
  const config = standardConfig({ resources: { "sim-a": { provider: "sim", latencyMs: 2, tokensPerSecond: 400 } } });
  (config.platform as Record<string, unknown>)["log"] = { level: "warn" };
  const { dir, remove } = writeConfigDir(config);
  try {
    const first = await serve(dir);
    const completed: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `k9-${w}-${i}`;
        sent++;
        if (await request(first.url, id, i % 2 === 1)) completed.push(id);
      }
    };
    const workers = Array.from({ length: 32 }, (_, w) => worker(w));
    while (completed.length < 400) await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    await exited(first.child);
    stop = true;
    await Promise.all(workers);
    console.log(`# ${sent} requests sent, ${completed.length} complete before SIGKILL`);

    // The same config and outbox: the restarted process replays what the killed one left, on start.
    const second = await serve(dir);
    const database = await openDatabase({ kind: "sqlite", path: "./atrium.db" }, dir);
    try {
      const stored = async () => {
        const rows = await database.db.selectFrom("usage_records").select("request_id").execute();
        return rows.map((r) => r.request_id);
      };
      // Replay happens in the background after start; give it up to 30 s before looking closer.
      for (let i = 0; i < 300; i++) {
        const ids = new Set(await stored());
        if (completed.every((id) => ids.has(id))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      second.child.kill("SIGTERM");
      await exited(second.child);
      assert.equal(second.child.exitCode, 0, "the restarted gateway drains and exits cleanly on SIGTERM");

      const ids = await stored();
      const count = new Map<string, number>();
      for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
      const missing = completed.filter((id) => !count.has(id));
      const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
      console.log(`# ${ids.length} usage records stored, ${ids.length - completed.length} of them for requests the kill cut short`);
      assert.deepEqual(missing, [], "every complete response has a usage record");
      assert.deepEqual(twice, [], "no request has two");
    } finally {
      await database.close();
    }
  } finally {
    remove();
  }
});
