import { test } from "node:test";
import assert from "node:assert/strict";
import { redactRecord } from "../../src/audit/redact-record.js";
import { startRetention } from "../../src/audit/retention.js";
import { AuditStore } from "../../src/audit/store/audit-store.js";
import { openDatabase } from "../../src/store/database.js";
import { writeConfigDir } from "../support/config-dir.js";
import { startGateway } from "../../src/gateway.js";
import { createLogger } from "../../src/observability/logger.js";
import { auditConfig, eventually } from "./audit-kit.js";

const DAY_MS = 86_400_000;
const QUIET = { info() {}, warn() {} };

async function row(id: string, atMs: number) {
  const r = { id, requestId: id, atMs, consumer: "team-a", environment: "dev", operation: "chat", mode: "metadata" as const, streamed: false, status: 200, aborted: false, sampled: false };
  return (await redactRecord(r, { placeholders: "typed" }, atMs)).row;
}

test("retention deletes records older than retentionDays, at start and on each run, by a fake clock", async () => {
  const database = await openDatabase({ kind: "sqlite", path: ":memory:" });
  try {
    const store = new AuditStore(database.db);
    const now = 1_750_000_000_000;
    await store.insert([await row("old", now - 31 * DAY_MS), await row("recent", now - 29 * DAY_MS), await row("new", now - 1000)]);
    let clock = now;
    const retention = startRetention({ store, retentionDays: () => 30, log: QUIET, now: () => clock });
    const ids = async () => (await database.db.selectFrom("audit_records").select("id").orderBy("id").execute()).map((r) => r.id);
    assert.ok(await eventually(async () => !(await ids()).includes("old")), "the run at start removed the 31-day-old record");
    assert.deepEqual(await ids(), ["new", "recent"]);
    clock = now + 2 * DAY_MS;
    assert.equal(await retention.runOnce(), 1);
    assert.deepEqual(await ids(), ["new"]);
    await retention.stop();
  } finally {
    await database.close();
  }
});

test("a gateway starting on a folder with expired records deletes them", async () => {
  const { dir, remove } = writeConfigDir(auditConfig({ retentionDays: 7 }));
  try {
    const seed = await openDatabase({ kind: "sqlite", path: "./atrium.db" }, dir);
    await new AuditStore(seed.db).insert([await row("expired", Date.now() - 8 * DAY_MS), await row("kept", Date.now() - 6 * DAY_MS)]);
    await seed.close();
    const gw = await startGateway({ configDir: dir, port: 0, host: "127.0.0.1", watch: false, logger: createLogger("silent") });
    try {
      const ids = async () => (await gw.database.db.selectFrom("audit_records").select("id").execute()).map((r) => r.id);
      assert.ok(await eventually(async () => !(await ids()).includes("expired")));
      assert.deepEqual(await ids(), ["kept"]);
    } finally {
      await gw.close();
    }
  } finally {
    remove();
  }
});
