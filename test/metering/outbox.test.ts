import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openOutbox, type Outbox, type OutboxOptions } from "../../src/store/outbox/outbox.js";

interface Item {
  id: string;
  n: number;
}

const parse = (v: unknown): Item | undefined => {
  const o = v as Partial<Item> | null;
  return o && typeof o.id === "string" && typeof o.n === "number" ? { id: o.id, n: o.n } : undefined;
};

/** A store at the edge of the outbox: a Map keyed by id, as ON CONFLICT DO NOTHING would keep. */
function mapStore() {
  const rows = new Map<string, Item>();
  const batches: number[] = [];
  let failing = false;
  return {
    rows,
    batches,
    fail(on: boolean) {
      failing = on;
    },
    store: async (batch: readonly Item[]) => {
      if (failing) throw new Error("store is down");
      batches.push(batch.length);
      for (const item of batch) if (!rows.has(item.id)) rows.set(item.id, item);
    },
  };
}

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "atrium-outbox-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function options(dir: string, store: (b: readonly Item[]) => Promise<void>, extra: Partial<OutboxOptions<Item>> = {}): OutboxOptions<Item> {
  return { dir, parse, store, flushDelayMs: 10, ...extra };
}

/**
 * A kill of `first` (its handle dropped without close(), so segments, cursor and lock stay), then
 * `crash` done to its files, then a new outbox on the same directory storing into `store`:
 * `check` runs on it; both are closed and the directory removed afterwards.
 */
async function reopenAfterKill(
  t: { dir: string; remove(): void },
  first: Outbox<Item>,
  store: (b: readonly Item[]) => Promise<void>,
  check: (second: Outbox<Item>) => Promise<void>,
  crash: () => void = () => {},
): Promise<void> {
  rmSync(join(t.dir, "LOCK"));
  crash();
  const second = await openOutbox(options(t.dir, store));
  try {
    await check(second);
  } finally {
    await second.close();
    await first.close(0).catch(() => undefined);
    t.remove();
  }
}

const segments = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".jsonl"));

test("an append is in the segment file when its promise resolves, before any store", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  s.fail(true);
  const outbox = await openOutbox(options(dir, s.store));
  try {
    await outbox.append({ id: "a", n: 1 });
    const text = segments(dir).map((f) => readFileSync(join(dir, f), "utf8")).join("");
    assert.equal(text, '{"id":"a","n":1}\n');
    assert.equal(s.rows.size, 0);
  } finally {
    await outbox.close(0);
    remove();
  }
});

test("stores appended records in batches and deletes acknowledged segments on close", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  const outbox = await openOutbox(options(dir, s.store, { batchSize: 100, maxSegmentBytes: 4096 }));
  try {
    await Promise.all(Array.from({ length: 1000 }, (_, i) => outbox.append({ id: `r${i}`, n: i })));
    await outbox.drain();
    assert.equal(s.rows.size, 1000);
    assert.ok(s.batches.every((b) => b <= 100), "no batch exceeds batchSize");
    assert.equal(outbox.stats().pendingRecords, 0);
    assert.equal(outbox.stats().pendingBytes, 0);
    assert.ok(segments(dir).length <= 1, "sealed segments were deleted once stored");
  } finally {
    await outbox.close();
  }
  assert.deepEqual(segments(dir), [], "a clean close leaves no segment behind");
  remove();
});

test("what a previous process left unacknowledged is replayed on open, once per id", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  s.fail(true);
  const first = await openOutbox(options(dir, s.store, { maxSegmentBytes: 2048 }));
  await Promise.all(Array.from({ length: 300 }, (_, i) => first.append({ id: `r${i}`, n: i })));
  assert.ok(first.stats().pendingRecords >= 300);
  await first.close(0);
  assert.equal(s.rows.size, 0);

  s.fail(false);
  const second = await openOutbox(options(dir, s.store));
  try {
    assert.equal(second.stats().pendingRecords, 300, "replayed records are counted on open");
    await second.append({ id: "r0", n: 0 }); // the same id again: the store keeps one
    await second.drain();
    assert.equal(s.rows.size, 300);
    assert.equal(second.stats().pendingRecords, 0);
  } finally {
    await second.close();
    remove();
  }
});

test("a store that fails is retried until it works; nothing is lost meanwhile", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  s.fail(true);
  const outbox = await openOutbox(options(dir, s.store));
  try {
    await Promise.all(Array.from({ length: 50 }, (_, i) => outbox.append({ id: `r${i}`, n: i })));
    await assert.rejects(outbox.drain(), /store is down/);
    const stats = outbox.stats();
    assert.equal(stats.pendingRecords, 50);
    assert.ok(stats.pendingBytes > 0);
    s.fail(false);
    for (let i = 0; i < 200 && s.rows.size < 50; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(s.rows.size, 50, "the background flusher retried and stored everything");
    assert.ok(outbox.stats().storeFailuresTotal >= 1);
  } finally {
    await outbox.close();
    remove();
  }
});

test("a torn last line (a crash mid-write) and a corrupt line are skipped; the rest is stored", async () => {
  const { dir, remove } = tempDir();
  appendFileSync(join(dir, "000000000001.jsonl"), '{"id":"a","n":1}\nnot json\n{"id":"b","n":2}\n{"id":"c","n":');
  const s = mapStore();
  const outbox = await openOutbox(options(dir, s.store));
  try {
    await outbox.drain();
    assert.deepEqual([...s.rows.keys()].sort(), ["a", "b"]);
    assert.equal(outbox.stats().skippedLinesTotal, 2);
    await outbox.append({ id: "d", n: 4 });
    await outbox.drain();
    assert.ok(s.rows.has("d"), "new records go to a fresh segment, not after the torn line");
  } finally {
    await outbox.close();
    remove();
  }
});

test("a second process cannot open an outbox directory in use", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  const outbox = await openOutbox(options(dir, s.store));
  try {
    await assert.rejects(openOutbox(options(dir, s.store)), /in use by process/);
  } finally {
    await outbox.close();
  }
  const again = await openOutbox(options(dir, s.store));
  await again.close();
  remove();
});

test("the cursor survives a restart: stored records are not replayed again", async () => {
  const t = tempDir();
  const s = mapStore();
  const first = await openOutbox(options(t.dir, s.store));
  await Promise.all(Array.from({ length: 20 }, (_, i) => first.append({ id: `r${i}`, n: i })));
  await first.drain();
  const stored = s.batches.reduce((a, b) => a + b, 0);
  await reopenAfterKill(t, first, s.store, async (second) => {
    assert.equal(second.stats().pendingRecords, 0);
    await second.drain();
    assert.equal(s.batches.reduce((a, b) => a + b, 0), stored, "nothing was sent twice");
  });
});

test("close gives up on a store that never answers and leaves the records for the next start", async () => {
  const { dir, remove } = tempDir();
  const outbox = await openOutbox(options(dir, () => new Promise<void>(() => {})));
  await outbox.append({ id: "a", n: 1 });
  await outbox.close(50);
  const s = mapStore();
  const again = await openOutbox(options(dir, s.store));
  try {
    await again.drain();
    assert.deepEqual([...s.rows.keys()], ["a"]);
  } finally {
    await again.close();
    remove();
  }
});

test("a failing disk fails open: appends resolve, errors are counted, nothing hangs", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  const outbox = await openOutbox(options(dir, s.store, { maxSegmentBytes: 10 }));
  try {
    // The next segment is /dev/full: every write to it fails with ENOSPC.
    symlinkSync("/dev/full", join(dir, "000000000002.jsonl"));
    await outbox.append({ id: "a", n: 1 }); // fills segment 1, which then rotates to /dev/full
    await outbox.append({ id: "b", n: 2 });
    await outbox.append({ id: "c", n: 3 });
    assert.ok(outbox.stats().writeErrorsTotal >= 1);
    await outbox.drain();
    assert.ok(s.rows.has("a"), "what reached the disk is stored");
  } finally {
    await outbox.close(0);
    remove();
  }
});

test("a cursor write torn by a crash: the other slot holds, and only the unacknowledged tail is replayed", async () => {
  const t = tempDir();
  const s = mapStore();
  const first = await openOutbox(options(t.dir, s.store));
  for (let i = 0; i < 30; i++) {
    await first.append({ id: `r${i}`, n: i });
    // One stored batch (and one cursor write) per record.
    await first.drain();
  }
  // The crash: the newest slot is half written.
  const tear = (): void => {
    const bytes = readFileSync(join(t.dir, "cursor"));
    const slots = [bytes.subarray(0, 96).toString("latin1"), bytes.subarray(96, 192).toString("latin1")];
    const seq = slots.map((text) => Number(/"seq":(\d+)/.exec(text)?.[1]));
    const newest = (seq[0] as number) > (seq[1] as number) ? 0 : 1;
    const torn = Buffer.from(bytes);
    torn.fill(0x20, newest * 96 + 20, newest * 96 + 60);
    writeFileSync(join(t.dir, "cursor"), torn);
  };
  const replayed = mapStore();
  await reopenAfterKill(
    t,
    first,
    replayed.store,
    async (second) => {
      await second.drain();
      // The older slot is one batch behind: that one record comes again, nothing else.
      assert.deepEqual([...replayed.rows.keys()], ["r29"]);
    },
    tear,
  );
});

test("a cursor.json left by an earlier version is honoured, then replaced by the slotted cursor", async () => {
  const t = tempDir();
  const s = mapStore();
  const first = await openOutbox(options(t.dir, s.store));
  for (let i = 0; i < 5; i++) await first.append({ id: `r${i}`, n: i });
  await first.drain();
  // What the earlier version wrote: everything up to the end of the segment acknowledged.
  const downgrade = (): void => {
    const segment = readdirSync(t.dir).find((f) => f.endsWith(".jsonl")) as string;
    const size = readFileSync(join(t.dir, segment)).length;
    rmSync(join(t.dir, "cursor"));
    writeFileSync(join(t.dir, "cursor.json"), JSON.stringify({ segment: Number(segment.slice(0, 12)), offset: size }));
  };
  const replayed = mapStore();
  await reopenAfterKill(
    t,
    first,
    replayed.store,
    async (second) => {
      await second.append({ id: "r5", n: 5 });
      await second.drain();
      assert.deepEqual([...replayed.rows.keys()], ["r5"], "nothing acknowledged by cursor.json came again");
      assert.ok(!readdirSync(t.dir).includes("cursor.json"), "superseded by the new cursor");
    },
    downgrade,
  );
});

test("sealWhenCaughtUp: stored records leave the disk after a flush, and nothing is lost or stored twice", async () => {
  const { dir, remove } = tempDir();
  const s = mapStore();
  const outbox = await openOutbox(options(dir, s.store, { sealWhenCaughtUp: true }));
  try {
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 20 }, (_, i) => outbox.append({ id: `r${round}-${i}`, n: i })));
      await new Promise((r) => setTimeout(r, 5));
    }
    const bytesLeft = () => segments(dir).reduce((sum, f) => sum + readFileSync(join(dir, f)).length, 0);
    const until = Date.now() + 10_000;
    while ((s.rows.size < 100 || bytesLeft() > 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    assert.equal(s.rows.size, 100);
    assert.equal(s.batches.reduce((a, b) => a + b, 0), 100, "each record stored once");
    assert.equal(bytesLeft(), 0, "no segment holds a stored record");
    assert.ok(segments(dir).length <= 1, "sealed segments were deleted");
  } finally {
    await outbox.close();
    remove();
  }
});
