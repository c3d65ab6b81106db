import { test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig } from "../../src/config/load.js";
import { standardConfig, writeConfigDir } from "../support/config-dir.js";

function load(pools: Record<string, unknown>, types?: Record<string, "PTU" | "PAYG">) {
  const folder = standardConfig({
    resources: { "sim-a": { provider: "sim" }, "sim-b": { provider: "sim" }, "sim-c": { provider: "sim" } },
    types,
    extraPlatform: { pools },
  });
  const { dir, remove } = writeConfigDir(folder);
  try {
    return loadConfig(dir);
  } finally {
    remove();
  }
}

test("the member-list form still works and gets the default pool settings", () => {
  const members = [{ resource: "sim-a", priority: 1 }, { resource: "sim-b", priority: 2 }];
  const r = load({ "chat-pool": members, "embed-pool": members });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  const route = r.config.consumers.get("team-a")?.routes.get("gpt35");
  assert.deepEqual(route?.targets.map((t) => [t.id, t.tier]), [["sim-a/chat-deploy", 0], ["sim-b/chat-deploy", 1]]);
  assert.deepEqual(route?.poolSettings, {
    name: "chat-pool",
    maxAttempts: 3,
    deadlineMs: 30_000,
    timeouts: { connectMs: 10_000, firstByteMs: 300_000, idleMs: 120_000, totalMs: undefined },
    breaker: { failures: 5, windowMs: 10_000, cooldownMs: 30_000 },
    ptuFirst: true,
  });
});

test("the object form carries retry, timeouts and breaker settings", () => {
  const members = [{ resource: "sim-a" }, { resource: "sim-b" }];
  const r = load({
    "chat-pool": { members, retry: { maxAttempts: 2, deadlineMs: 5000 }, timeouts: { firstByteMs: 20_000, totalMs: 60_000 }, breaker: { failures: 3 } },
    "embed-pool": members,
  });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.issues));
  const pool = r.config.consumers.get("team-a")?.routes.get("gpt35")?.poolSettings;
  assert.equal(pool?.maxAttempts, 2);
  assert.equal(pool?.deadlineMs, 5000);
  assert.deepEqual(pool?.timeouts, { connectMs: 10_000, firstByteMs: 20_000, idleMs: 120_000, totalMs: 60_000 });
  assert.deepEqual(pool?.breaker, { failures: 3, windowMs: 10_000, cooldownMs: 30_000 });
});

test("within one priority PTU members form an earlier tier than PAYG ones, unless ptuFirst is off", () => {
  const members = [{ resource: "sim-a" }, { resource: "sim-b" }, { resource: "sim-c", priority: 0 }];
  const types = { "sim-a": "PAYG", "sim-b": "PTU", "sim-c": "PAYG" } as const;
  const on = load({ "chat-pool": members, "embed-pool": members }, types);
  assert.ok(on.ok);
  const tiers = (r: ReturnType<typeof load>) => r.ok && r.config.consumers.get("team-a")?.routes.get("gpt35")?.targets.map((t) => `${t.resource.id}:${t.tier}`);
  assert.deepEqual(tiers(on), ["sim-c:0", "sim-b:1", "sim-a:2"]);
  const off = load({ "chat-pool": { members, ptuFirst: false }, "embed-pool": members }, types);
  assert.deepEqual(tiers(off), ["sim-c:0", "sim-a:1", "sim-b:1"]);
});

test("pool problems are reported at the path the user wrote, in either form", () => {
  const schema = load({
    "chat-pool": { members: [{ resource: "sim-a" }], retry: { maxAttempts: 0 }, timeouts: { idleMs: "fast" }, bogus: 1 },
    "embed-pool": [{ resource: "sim-a", weight: -1 }],
  });
  assert.ok(!schema.ok);
  assert.deepEqual(schema.issues.map((i) => `${i.file} ${i.path}`).sort(), [
    "atrium.yaml $.pools.chat-pool",
    "atrium.yaml $.pools.chat-pool.retry.maxAttempts",
    "atrium.yaml $.pools.chat-pool.timeouts.idleMs",
    "atrium.yaml $.pools.embed-pool[0].weight",
  ]);
  assert.match(schema.issues.find((i) => i.path === "$.pools.chat-pool")?.message ?? "", /unknown key\(s\): bogus/);

  const cross = load({
    "chat-pool": { members: [{ resource: "sim-a" }, { resource: "nope" }] },
    "embed-pool": [{ resource: "sim-a" }, { resource: "missing" }],
  });
  assert.ok(!cross.ok);
  assert.deepEqual(cross.issues.map((i) => i.path).sort(), ["$.pools.chat-pool.members[1].resource", "$.pools.embed-pool[1].resource"]);
});
