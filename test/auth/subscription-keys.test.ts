import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { TEST_KEY } from "../support/config-dir.js";
import { runCli } from "../support/run-cli.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { ADMIN_KEY, authConfig, KEY_SECRET, leakedSecrets } from "./support/auth-config.js";
import { admin, bearer, chat, eventually, PROMPT } from "./support/calls.js";
import { dropSchema, POSTGRES_URL, uniqueSchema } from "./support/postgres.js";

// Two replicas sharing one PostgreSQL schema: what one revokes, the other must refuse within seconds.
const schema = uniqueSchema();
const shared = { storage: { kind: "postgres", url: POSTGRES_URL, schema }, keySecret: KEY_SECRET, keyCacheSeconds: 1 };
let a: TestGateway;
let b: TestGateway;
const issued: string[] = [];

before(async () => {
  a = await startTestGateway(authConfig(shared));
  b = await startTestGateway(authConfig(shared));
});
after(async () => {
  await a.close();
  await b.close();
  await dropSchema(schema);
});

async function createKey(gw: TestGateway, consumer: string, environment: string): Promise<{ id: string; key: string }> {
  const r = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer, environment, name: "test" });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const key = r.body["key"] as string;
  issued.push(key);
  return { id: r.body["id"] as string, key };
}

test("a key created through /admin/keys is shown once and works on every replica", async () => {
  const { id, key } = await createKey(a, "team-a", "dev");
  assert.match(key, /^atr_/);
  assert.equal((await chat(b.url, bearer(key))).status, 200);
  assert.equal((await chat(a.url, { "api-key": key })).status, 200, "the Azure api-key header works too");
  const listed = await admin(a.url, "GET", "/admin/keys?consumer=team-a", ADMIN_KEY);
  assert.equal(listed.status, 200);
  assert.ok(JSON.stringify(listed.body).includes(id));
  assert.ok(!JSON.stringify(listed.body).includes(key), "the key text is never shown again");
  const me = await admin(b.url, "GET", "/admin/whoami", key);
  assert.deepEqual(me.body, { subject: id, via: "key", roles: ["consumer"], consumer: "team-a", environment: "dev" });
});

test("a revoked key is refused at once where it was revoked and within seconds on the other replica", async () => {
  const { id, key } = await createKey(a, "team-b", "dev");
  assert.equal((await chat(b.url, bearer(key), "gpt4o")).status, 200, "replica b has the key cached");
  const revoked = await admin(a.url, "DELETE", `/admin/keys/${id}`, ADMIN_KEY);
  assert.equal(revoked.status, 200);
  assert.equal(revoked.body["status"], "revoked");
  const here = await chat(a.url, bearer(key), "gpt4o");
  assert.equal(here.status, 401);
  assert.equal(here.body.error?.code, "invalid_api_key");
  assert.match(here.body.error?.message ?? "", /revoked/);
  assert.ok(await eventually(async () => (await chat(b.url, bearer(key), "gpt4o")).status === 401), "replica b refuses it after its cache TTL");
});

test("a key for another environment is refused with 403", async () => {
  const { key } = await createKey(a, "team-a", "prod");
  const r = await chat(a.url, bearer(key));
  assert.equal(r.status, 403);
  assert.equal(r.body.error?.code, "permission_denied");
  assert.match(r.body.error?.message ?? "", /prod/);
});

test("rotation hands out a successor while the old key keeps working for its grace period", async () => {
  const old = await createKey(a, "team-a", "test");
  const rotated = await admin(a.url, "POST", `/admin/keys/${old.id}/rotate`, ADMIN_KEY, { graceSeconds: 3600 });
  assert.equal(rotated.status, 201, JSON.stringify(rotated.body));
  const successor = rotated.body["key"] as string;
  issued.push(successor);
  assert.equal(rotated.body["replaces"], old.id);
  assert.equal((rotated.body["replaced"] as { status: string }).status, "expiring");
  // Test keys on a dev gateway: recognised (403 for the environment), where a bad key is 401.
  const me = await admin(a.url, "GET", "/admin/whoami", successor);
  assert.equal(me.status, 403);
  assert.match(me.body.error?.message ?? "", /for the test environment/);
  assert.equal((await admin(a.url, "GET", "/admin/whoami", old.key)).status, 403, "the old key still authenticates");
  const third = await admin(a.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "test" });
  assert.equal(third.status, 400, "two keys are active: a third is refused");
  assert.match(third.body.error?.message ?? "", /2 active keys/);
});

test("a key of our shape that does not match its record is refused with 401", async () => {
  const { key } = await createKey(a, "team-b", "test");
  const tampered = key.slice(0, -4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
  const r = await chat(a.url, bearer(tampered), "gpt4o");
  assert.equal(r.status, 401);
  assert.equal(r.body.error?.code, "invalid_api_key");
  const unknown = await chat(a.url, bearer("atr_000000000000_00000000000000000000000000000000"), "gpt4o");
  assert.equal(unknown.status, 401);
});

test("static keys from atrium.yaml keep working beside stored keys", async () => {
  assert.equal((await chat(a.url, bearer(TEST_KEY))).status, 200);
});

test("atrium keys create prints the key once; the gateway on the same folder accepts it and sees its revocation", async () => {
  const gw = await startTestGateway(authConfig({ storage: { kind: "sqlite", path: "./atrium.db" }, keyCacheSeconds: 1 }));
  try {
    const created = runCli(["keys", "create", "--consumer", "team-a", "--env", "dev", "--config", gw.dir]);
    assert.equal(created.status, 0, created.stderr);
    const key = created.stdout.trim();
    issued.push(key);
    assert.match(key, /^atr_[0-9A-Za-z]{12}_[0-9A-Za-z]{32}$/);
    assert.match(created.stderr, /shown this once/);
    assert.equal((await chat(gw.url, bearer(key))).status, 200);
    const listed = runCli(["keys", "list", "--config", gw.dir, "--json"]);
    assert.equal(listed.status, 0, listed.stderr);
    const id = key.slice(4, 16);
    assert.ok(listed.stdout.includes(id) && !listed.stdout.includes(key));
    const unknown = runCli(["keys", "create", "--consumer", "nobody", "--env", "dev", "--config", gw.dir]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /unknown consumer nobody/);
    assert.equal(runCli(["keys", "revoke", id, "--config", gw.dir]).status, 0);
    assert.ok(await eventually(async () => (await chat(gw.url, bearer(key))).status === 401));
    assert.deepEqual(leakedSecrets(gw.logs, [key, PROMPT]), []);
  } finally {
    await gw.close();
  }
});

test("no key or prompt reaches the logs of either replica", () => {
  assert.ok(a.logs.length > 0 && b.logs.length > 0, "the replicas did log");
  assert.deepEqual(leakedSecrets([...a.logs, ...b.logs], [...issued, ADMIN_KEY, TEST_KEY, KEY_SECRET, PROMPT]), []);
});
