import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { generateKey, keyIdOf } from "../../src/store/keys/api-key-format.js";
import { openDatabase, type Database, type StorageSettings } from "../../src/store/database.js";
import { KeyCache } from "../../src/store/keys/key-cache.js";
import { KeyHasher } from "../../src/store/keys/key-hash.js";
import { KeyStore } from "../../src/store/keys/key-store.js";
import { dropSchema, POSTGRES_URL, uniqueSchema } from "./support/postgres.js";

const SECRET = Buffer.from("store-test-secret-0123456789abcdefghij");

test("a key reads atr_<12-char id>_<32-char secret> and its id is found again from the text", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const { id, key } = generateKey();
    assert.match(key, /^atr_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}$/);
    assert.equal(keyIdOf(key), id);
    seen.add(key);
  }
  assert.equal(seen.size, 200);
  assert.equal(keyIdOf("atr_short_x"), undefined);
  assert.equal(keyIdOf("sk-not-one-of-ours-0123456789012345678901234"), undefined);
});

const schema = uniqueSchema();
const backends: Array<[string, StorageSettings]> = [
  ["SQLite", { kind: "sqlite", path: ":memory:" }],
  ["PostgreSQL", { kind: "postgres", url: POSTGRES_URL, schema }],
];
after(() => dropSchema(schema));

for (const [label, settings] of backends) {
  describe(`key store on ${label}`, () => {
    let database: Database;
    let now = 1_800_000_000_000;
    let store: KeyStore;
    before(async () => {
      database = await openDatabase(settings);
      store = new KeyStore(database.db, new KeyHasher(SECRET), () => now);
    });
    after(() => database.close());

    test("stores only an HMAC of the key under the server secret, never the key", async () => {
      const { key, info } = await store.create({ consumer: "hash-check", environment: "dev", name: "ci" });
      const rows = await database.db.selectFrom("api_keys").selectAll().where("consumer", "=", "hash-check").execute();
      assert.equal(rows.length, 1);
      const row = rows[0]!;
      assert.equal(row.id, info.id);
      assert.equal(row.hash, createHmac("sha256", SECRET).update(key).digest("base64url"));
      const secretPart = key.slice(key.lastIndexOf("_") + 1);
      assert.ok(!JSON.stringify(rows).includes(secretPart), "no column holds the key's secret part");
      const listed = JSON.stringify(await store.list({ consumer: "hash-check" }));
      assert.ok(!listed.includes(secretPart) && !listed.includes(row.hash), "list shows neither key nor hash");
    });

    test("allows two active keys per consumer and environment and refuses a third", async () => {
      await store.create({ consumer: "two-slots", environment: "dev" });
      await store.create({ consumer: "two-slots", environment: "dev" });
      await assert.rejects(store.create({ consumer: "two-slots", environment: "dev" }), (e: Error & { code?: string }) => e.code === "invalid_request");
      // Another environment has its own two slots.
      await store.create({ consumer: "two-slots", environment: "prod" });
      assert.equal((await store.list({ consumer: "two-slots", environment: "dev" })).length, 2);
    });

    test("rotation keeps the old key until its grace ends; grace 0 revokes it at once", async () => {
      const first = await store.create({ consumer: "rotating", environment: "test" });
      const second = await store.rotate(first.info.id, 60, "test");
      assert.equal(second.replaced.status, "expiring");
      assert.equal(second.info.replaces, first.info.id);
      assert.equal((await store.find(first.info.id))?.expires_at_ms, now + 60_000);
      // Both slots are taken now: rotating again must revoke the old key at once.
      await assert.rejects(store.rotate(second.info.id, 60), (e: Error & { code?: string }) => e.code === "invalid_request");
      now += 61_000;
      const third = await store.rotate(second.info.id, 0);
      assert.equal(third.replaced.status, "revoked");
      const statuses = Object.fromEntries((await store.list({ consumer: "rotating" })).map((k) => [k.id, k.status]));
      assert.deepEqual(statuses, { [first.info.id]: "expired", [second.info.id]: "revoked", [third.info.id]: "active" });
    });

    test("revoking is idempotent and an unknown id is reported as missing", async () => {
      const { info } = await store.create({ consumer: "revoker", environment: "dev" });
      const once = await store.revoke(info.id);
      const twice = await store.revoke(info.id);
      assert.equal(once?.status, "revoked");
      assert.equal(twice?.revokedAt, once?.revokedAt);
      assert.equal(await store.revoke("nosuchkey000"), undefined);
    });

    test("the cache serves a key without a query until its TTL, then sees the revocation", async () => {
      const { info } = await store.create({ consumer: "cached", environment: "dev" });
      let clock = 0;
      let queries = 0;
      const counting = new KeyStore(database.db, new KeyHasher(SECRET));
      const find = counting.find.bind(counting);
      counting.find = (id: string) => {
        queries++;
        return find(id);
      };
      const cache = new KeyCache(counting, { ttlMs: 1000, now: () => clock });
      assert.equal((await cache.get(info.id)).row?.revoked_at_ms, null);
      await store.revoke(info.id);
      const warm = cache.get(info.id);
      assert.ok(!(warm instanceof Promise), "a fresh entry is served synchronously");
      assert.equal(warm.row?.revoked_at_ms, null, "within the TTL the cached row is used");
      clock += 1000;
      assert.notEqual((await cache.get(info.id)).row?.revoked_at_ms, null, "after the TTL the revocation is seen");
      assert.equal((await cache.get("unknownid000")).row, undefined);
      assert.equal((await cache.get("unknownid000")).row, undefined);
      assert.equal(queries, 3, "two loads of the key, one of the unknown id (then negatively cached)");
    });
  });
}
