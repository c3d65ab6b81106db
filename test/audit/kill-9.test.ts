import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../src/store/database.js";
import { writeConfigDir } from "../support/config-dir.js";
import { auditConfig, chat, exited, spawnCli } from "./audit-kit.js";

const serve = (dir: string) => spawnCli(["serve", "--config", dir, "--port", "0", "--host", "127.0.0.1"], /listening on (http:\/\/\S+)/);

/** Unique personal data per request, so a record can be matched to its prompt and checked for leaks. */
const promptFor = (w: number, i: number) => `request ${w}-${i}: write to jane.doe.${w}.${i}@example.com or call +44 20 7946 0${String((w * 37 + i) % 1000).padStart(3, "0")} today`;

test("kill -9 under load with streams in flight: every complete response has exactly one audit record, redacted", async () => {
  // ~0.2–0.8 s per stream: many are mid-flight when the process dies.
  const config = auditConfig({ defaultMode: "redacted", sampleRate: 0.05 }, { resources: { "sim-a": { provider: "sim", latencyMs: 2, tokensPerSecond: 60 } } });
  (config.platform as Record<string, unknown>)["log"] = { level: "warn" };
  const { dir, remove } = writeConfigDir(config);
  try {
    const first = await serve(dir);
    const url = first.match[1] as string;
    const completed = new Map<string, string>();
    let sent = 0;
    let stop = false;
    const client = async (w: number) => {
      for (let i = 0; !stop; i++) {
        sent++;
        const prompt = promptFor(w, i);
        try {
          const r = await chat(url, prompt, { stream: i % 2 === 0, requestId: `k9-${w}-${i}` });
          if (r.complete) completed.set(r.requestId, prompt);
        } catch {
          // The process died under this request: it never completed.
        }
      }
    };
    const clients = Array.from({ length: 32 }, (_, w) => client(w));
    while (completed.size < 300) await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    await exited(first.child);
    stop = true;
    await Promise.all(clients);
    const outboxDir = join(dir, ".atrium", "audit-outbox");
    const left = readdirSync(outboxDir).filter((f) => f.endsWith(".jsonl"));
    console.log(`# ${sent} requests sent, ${completed.size} complete before SIGKILL; ${left.length} outbox segment(s) left behind`);

    const database = await openDatabase({ kind: "sqlite", path: "./atrium.db" }, dir);
    const storedBeforeKill = (await database.db.selectFrom("audit_records").select("id").execute()).length;
    // Same folder, same outbox: the new process replays what the killed one had not stored.
    const second = await serve(dir);
    try {
      const rows = async () => database.db.selectFrom("audit_records").select(["request_id", "prompt", "prompt_raw", "mode"]).execute();
      for (let i = 0; i < 300; i++) {
        const ids = new Set((await rows()).map((r) => r.request_id));
        if ([...completed.keys()].every((id) => ids.has(id))) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      second.child.kill("SIGTERM");
      await exited(second.child);
      assert.equal(second.child.exitCode, 0, "the restarted gateway drains and exits cleanly");

      const stored = await rows();
      const count = new Map<string, number>();
      for (const r of stored) count.set(r.request_id, (count.get(r.request_id) ?? 0) + 1);
      const missing = [...completed.keys()].filter((id) => !count.has(id));
      const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
      console.log(`# ${stored.length} audit records stored (${storedBeforeKill} before the kill, the rest replayed), ${stored.length - completed.size} for requests the kill cut short`);
      assert.deepEqual(missing, [], "every complete response has an audit record");
      assert.deepEqual(twice, [], "none has two");
      for (const r of stored) {
        assert.equal(r.mode, "redacted");
        assert.equal(r.prompt_raw, null);
        assert.ok(!/@example\.com|7946/.test(r.prompt ?? ""), `no raw e-mail or phone in ${r.request_id}`);
        assert.match(r.prompt ?? "", /write to <EMAIL_1> or call <PHONE_1> today/);
      }
    } finally {
      await database.close();
    }
  } finally {
    remove();
  }
});
