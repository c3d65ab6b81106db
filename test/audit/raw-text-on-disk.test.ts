import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { auditConfig, chat, eventually } from "./audit-kit.js";

// Redacted mode: the prompt's raw text is on disk only in the audit outbox, before redaction.
let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(auditConfig({ defaultMode: "metadata", consumers: { "team-a": { mode: "redacted", sampleRate: 0 } } }));
});
after(() => gw.close());

const outboxDir = () => join(gw.dir, ".atrium", "audit-outbox");

/** Every file under `dir`, with its mode and contents. */
function files(dir: string): Array<{ path: string; mode: number; text: string }> {
  const out: Array<{ path: string; mode: number; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) out.push(...files(path));
    else out.push({ path, mode: stat.mode & 0o777, text: readFileSync(path, "latin1") });
  }
  return out;
}

async function stored(requestId: string): Promise<boolean> {
  return eventually(async () => {
    const rows = await gw.database.db.selectFrom("audit_records").select("id").where("request_id", "=", requestId).execute();
    return rows.length === 1;
  });
}

test("no raw prompt or response text is left in the audit outbox a few seconds after the record is stored", async () => {
  const secret = `marker-${randomUUID()}`;
  const json = await chat(gw.url, `My case number is ${secret}, please look it up.`);
  const stream = await chat(gw.url, `Streamed: my case number is ${secret}.`, { stream: true });
  assert.ok(json.complete && stream.complete);
  assert.ok(files(outboxDir()).some((f) => f.text.includes(secret)), "the prompt was written ahead");
  assert.ok((await stored(json.requestId)) && (await stored(stream.requestId)), "both records were stored");
  // A few seconds after storing, and with the gateway otherwise idle (no write to push it out).
  await sleep(3000);
  const holding = files(outboxDir()).filter((f) => f.text.includes(secret));
  assert.deepEqual(
    holding.map((f) => f.path),
    [],
    "no outbox file still holds the raw prompt",
  );
});

test("outbox directories are owner-only, their files and the SQLite files are 0600", async () => {
  const sent = await chat(gw.url, "Hello there.");
  assert.ok(sent.complete && (await stored(sent.requestId)));
  for (const dir of [outboxDir(), join(gw.dir, ".atrium", "outbox")]) {
    if (!existsSync(dir)) continue;
    assert.equal((statSync(dir).mode & 0o777).toString(8), "700", `${dir} is owner-only`);
    const found = files(dir);
    assert.ok(found.length > 0);
    for (const f of found) assert.equal(f.mode.toString(8), "600", `${f.path} is owner-only`);
  }
  const db = join(gw.dir, "atrium.db");
  for (const path of [db, `${db}-wal`, `${db}-shm`]) {
    assert.ok(existsSync(path), `${path} exists`);
    assert.equal((statSync(path).mode & 0o777).toString(8), "600", `${path} is owner-only`);
  }
});
