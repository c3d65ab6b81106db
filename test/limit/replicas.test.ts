import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { writeConfigDir } from "../support/config-dir.js";
import { BACKENDS, TEST_KEY, chat, limitFolder, num } from "./limit-kit.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Replica {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `atrium serve --port 0` as a separate process, as an operator runs it; resolves with its URL. */
async function serve(dir: string): Promise<Replica> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve", "--config", dir, "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /Atrium listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`atrium serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

const redis = BACKENDS.find((b) => b.name === "redis")!;

describe("three Atrium processes sharing Redis", { skip: redis.skip }, () => {
  const limit = 6000; // tokens per minute for team-a's gpt35: 100 per second of refill
  // One folder per replica: each process keeps its own outbox and SQLite file; only `state` is shared.
  const folder = limitFolder({ grantK: limit / 1000, extraPlatform: { state: redis.state(), log: { level: "silent" } } });
  const dirs = [writeConfigDir(folder), writeConfigDir(folder), writeConfigDir(folder)];
  const replicas: Replica[] = [];
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    for (const d of dirs) d.remove();
  });

  test("admit at most the limit plus its refill together, and a restarted replica keeps the shared counts", { timeout: 240_000 }, async (t) => {
    replicas.push(...(await Promise.all(dirs.map((d) => serve(d.dir)))));
    const urls = replicas.map((r) => r.url);
    let used = 0;
    let admitted = 0;
    let limited = 0;
    let stopping = false;
    const started = performance.now();
    const client = async (i: number) => {
      for (let n = i; !stopping; n++) {
        const url = urls[n % urls.length]!;
        try {
          const r = await chat(url, TEST_KEY, { max_tokens: 200 });
          if (r.status === 200) {
            admitted++;
            used += r.json.usage!.total_tokens;
          } else {
            assert.equal(r.status, 429, JSON.stringify(r.json));
            limited++;
            // A short pause: a tight 429 loop would starve the replica that is restarting.
            await sleep(10);
          }
        } catch {
          await sleep(20); // that replica is restarting
        }
      }
    };
    const clients = Array.from({ length: 24 }, (_, i) => client(i));

    // Mid-run: replica 1 goes away and a fresh process takes its place.
    await sleep(1500);
    await replicas[1]!.stop();
    const fresh = await serve(dirs[1]!.dir);
    replicas[1] = fresh;
    const firstLook = await chat(fresh.url, TEST_KEY, { max_tokens: 200 });
    if (firstLook.status === 200) used += firstLook.json.usage!.total_tokens;
    urls[1] = fresh.url;
    await sleep(1500);
    stopping = true;
    await Promise.all(clients);
    const elapsedMs = performance.now() - started;

    // A process with its own counts would start from a full bucket (6000 minus this request).
    const remaining = num(firstLook.headers, "x-ratelimit-remaining-tokens");
    assert.ok(remaining < limit / 2, `the restarted replica saw ${remaining} tokens left: it must share the drained bucket`);

    const bound = limit * (1 + elapsedMs / 60_000);
    t.diagnostic(`${(elapsedMs / 1000).toFixed(1)} s: ${used} tokens in ${admitted} admitted requests (bound ${bound.toFixed(0)}), ${limited} limited; restarted replica saw ${remaining} left`);
    assert.ok(used <= bound * 1.05, `used ${used} tokens, bound ${bound.toFixed(0)} (+5%)`);
    assert.ok(used >= limit * 0.8, `used only ${used}: the limit must be usable across replicas`);
    assert.ok(limited > admitted, `admitted ${admitted}, limited ${limited}: the clients pushed past the limit`);
  });
});
