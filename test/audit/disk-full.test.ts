import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OTHER_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { auditConfig, chat, eventually, PII_PROMPT, type Sent } from "./audit-kit.js";

// A real full disk, not a mocked write(2): the audit outbox lives on a 512 KiB tmpfs that the
// test fills. Writes fail with ENOSPC, the fail-closed consumer is refused, the others are served
// from memory, and once space returns everything held back reaches the store exactly once.
const mountPoint = mkdtempSync(join(tmpdir(), "atrium-disk-full-"));
const filler = join(mountPoint, "filler");
const skip = mountTmpfs(mountPoint);
let gw: TestGateway | undefined;

/** False when mounted; otherwise why not (mounting needs root or CAP_SYS_ADMIN). */
function mountTmpfs(dir: string): string | false {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", dir], { stdio: "pipe" });
    return false;
  } catch (err) {
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim() || String(err);
    return `cannot mount a tmpfs for a full disk (needs root or CAP_SYS_ADMIN): ${why}`;
  }
}

/** Writes until the file system says ENOSPC; a short write near the end is followed by the error. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
}

before(async () => {
  if (skip) return;
  gw = await startTestGateway(
    auditConfig({
      defaultMode: "redacted",
      queue: { kind: "local" },
      workers: 1,
      outboxDir: join(mountPoint, "audit-outbox"),
      consumers: { "team-a": { failClosed: true } },
    }),
  );
});

after(async () => {
  // Space first, so closing does not wait on a disk that cannot take the last writes.
  rmSync(filler, { force: true });
  await gw?.close();
  try {
    if (!skip) execFileSync("umount", [mountPoint], { stdio: "pipe" });
    rmSync(mountPoint, { recursive: true, force: true });
  } catch {
    // Still mounted (busy): the empty mount point is left behind rather than failing the run.
  }
});

test("a full outbox disk refuses the fail-closed consumer, serves the others, and loses no record once space returns", { skip }, async () => {
  const g = gw as TestGateway;
  const served: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await chat(g.url, `${PII_PROMPT} (${i})`);
    assert.equal(r.status, 200, "with space on disk team-a is served");
    served.push(r.requestId);
  }

  // The audit outbox deletes each segment once stored: a segment still waiting when the disk is
  // filled would give its pages back afterwards, and the outbox would keep writing into them. Fill
  // the disk once the outbox holds nothing, so that its next write finds no space.
  const outboxDir = join(mountPoint, "audit-outbox");
  assert.ok(
    await eventually(() => readdirSync(outboxDir).every((f) => !f.endsWith(".jsonl") || statSync(join(outboxDir, f)).size === 0)),
    "the served records were stored and their segments deleted",
  );
  fillDisk(filler);
  // The segment's last page may still take a record or two; then writes fail and team-a waits.
  let refused: Sent | undefined;
  assert.ok(
    await eventually(async () => {
      refused = await chat(g.url, PII_PROMPT);
      if (refused.status === 200) served.push(refused.requestId);
      return refused.status === 503;
    }),
    "team-a is refused once the outbox cannot write",
  );
  const error = (JSON.parse(refused?.text ?? "{}") as { error: { code: string; message: string } }).error;
  assert.equal(error.code, "service_unavailable");
  assert.match(error.message, /audit/);

  const other = await chat(g.url, PII_PROMPT, { key: OTHER_KEY, model: "gpt4o" });
  assert.equal(other.status, 200, "a consumer that is not fail-closed is served, its record held in memory");
  served.push(other.requestId);
  const metrics = await (await fetch(`${g.url}/metrics`)).text();
  assert.match(metrics, /atrium_audit_refused_total\{consumer="team-a"\} [1-9]/);
  assert.match(metrics, /atrium_outbox_write_errors_total\{outbox="audit"\} [1-9]/);

  rmSync(filler);
  // The writer retries each second; team-a is accepted 2.5 s after the last failed write.
  let back: Sent | undefined;
  assert.ok(
    await eventually(async () => {
      back = await chat(g.url, "back again");
      return back.status === 200;
    }, 30_000),
    "team-a is served again once the outbox can write",
  );
  served.push((back as Sent).requestId);

  const rowsByRequest = async (): Promise<Map<string, number>> => {
    const rows = await g.database.db.selectFrom("audit_records").select("request_id").execute();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.request_id, (counts.get(r.request_id) ?? 0) + 1);
    return counts;
  };
  assert.ok(
    await eventually(async () => {
      const counts = await rowsByRequest();
      return served.every((id) => counts.has(id));
    }, 30_000),
    "records held in memory during the outage reach the store",
  );
  const counts = await rowsByRequest();
  for (const id of served) assert.equal(counts.get(id), 1, `request ${id} has exactly one audit record`);
  assert.equal(counts.get(refused?.requestId ?? "") ?? 0, 0, "a refused request never reached a model, so it has no record");
  const recovered = await (await fetch(`${g.url}/metrics`)).text();
  assert.match(recovered, /atrium_outbox_dropped_total\{outbox="audit"\} 0\n/, "the records held in memory were all written, none dropped");
});
