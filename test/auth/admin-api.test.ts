import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AdminRouter } from "../../src/admin/admin-router.js";
import { TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { ADMIN_KEY, authConfig, GOVERNANCE_KEY, leakedSecrets, OPERATOR_KEY } from "./support/auth-config.js";
import { admin, bearer, PROMPT } from "./support/calls.js";

let gw: TestGateway;
before(async () => {
  gw = await startTestGateway(authConfig());
});
after(() => gw.close());

test("whoami tells each kind of caller who it is", async () => {
  assert.deepEqual((await admin(gw.url, "GET", "/admin/whoami", ADMIN_KEY)).body, {
    subject: "platform-bot",
    via: "admin-key",
    roles: ["platform-admin"],
    consumer: null,
    environment: "dev",
  });
  assert.deepEqual((await admin(gw.url, "GET", "/admin/whoami", GOVERNANCE_KEY)).body["subject"], "admin-key-2");
  assert.deepEqual((await admin(gw.url, "GET", "/admin/whoami", TEST_KEY)).body, {
    subject: "static-key-0",
    via: "key",
    roles: ["consumer"],
    consumer: "team-a",
    environment: "dev",
  });
});

test("creating a key checks its body and answers 400 naming the field", async () => {
  const missing = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { environment: "dev" });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error?.param, "consumer");
  const env = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "staging" });
  assert.equal(env.status, 400);
  assert.equal(env.body.error?.param, "environment");
  const unknown = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-z", environment: "dev" });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error?.message ?? "", /Unknown consumer team-z/);
  const list = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, ["team-a"]);
  assert.equal(list.status, 400);
  const none = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY);
  assert.equal(none.status, 400, "no body at all is an empty object, which lacks consumer");
});

test("revoking or rotating a key that does not exist answers 404", async () => {
  assert.equal((await admin(gw.url, "DELETE", "/admin/keys/nosuchkey000", ADMIN_KEY)).status, 404);
  const r = await admin(gw.url, "POST", "/admin/keys/nosuchkey000/rotate", ADMIN_KEY);
  assert.equal(r.status, 404);
  assert.equal(r.body.error?.code, "not_found");
});

test("an operator reads any consumer's usage, including the call just made", async () => {
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: "POST",
    headers: { ...bearer(TEST_KEY), "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt35", messages: [{ role: "user", content: PROMPT }] }),
  });
  assert.equal(res.status, 200);
  const requestId = res.headers.get("x-request-id");
  const usage = await admin(gw.url, "GET", "/admin/consumers/team-a/usage?limit=5", OPERATOR_KEY);
  assert.equal(usage.status, 200);
  const data = usage.body["data"] as Array<{ requestId: string; consumer: string }>;
  assert.ok(data.length <= 5);
  assert.ok(data.some((r) => r.requestId === requestId));
  assert.equal((await admin(gw.url, "GET", "/admin/consumers/team-z/usage", OPERATOR_KEY)).status, 404);
});

test("roles do not imply each other: governance and operator cannot manage keys, a platform admin cannot read usage", async () => {
  assert.equal((await admin(gw.url, "GET", "/admin/keys", GOVERNANCE_KEY)).status, 403);
  assert.equal((await admin(gw.url, "POST", "/admin/keys", OPERATOR_KEY, { consumer: "team-a", environment: "dev" })).status, 403);
  assert.equal((await admin(gw.url, "GET", "/admin/consumers/team-a/usage", ADMIN_KEY)).status, 403);
});

test("a route must live under /admin/ and declare at least one role", () => {
  const router = new AdminRouter();
  assert.throws(() => router.add("GET", "/v1/secret", "any", () => ({ status: 200, body: {} })), /must start with \/admin\//);
  assert.throws(() => router.add("GET", "/admin/x", [], () => ({ status: 200, body: {} })), /declares no role/);
});

test("admin calls are logged without credentials", () => {
  assert.ok(gw.logs.some((l) => l.includes('"admin request"')));
  assert.deepEqual(leakedSecrets(gw.logs, [ADMIN_KEY, OPERATOR_KEY, GOVERNANCE_KEY, TEST_KEY, PROMPT]), []);
});
