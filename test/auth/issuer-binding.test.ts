import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { loadConfig } from "../../src/config/load.js";
import { formatIssue } from "../../src/config/issues.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { writeConfigDir } from "../support/config-dir.js";
import { authConfig } from "./support/auth-config.js";
import { admin, bearer, chat } from "./support/calls.js";
import { startTestIdp, type TestIdp } from "./support/test-idp.js";

// Two tenants. Tenant B has registered apps whose client ids equal tenant A's (client ids are
// names inside a tenant, anyone can pick them) and gives them platform-admin.
let a: TestIdp;
let b: TestIdp;
const issuer = (idp: TestIdp, extra: Record<string, unknown> = {}) => ({ issuer: idp.issuer, audiences: ["api://atrium"], ...extra });

before(async () => {
  a = await startTestIdp([
    { clientId: "app-team-a", secret: "secret-a-team-a-0123456789" },
    { clientId: "app-team-b", secret: "secret-a-team-b-0123456789" },
    { clientId: "app-admin", secret: "secret-a-admin-0123456789", roles: ["platform-admin"] },
  ]);
  b = await startTestIdp([
    { clientId: "app-team-a", secret: "secret-b-team-a-0123456789", roles: ["platform-admin", "operator"] },
    { clientId: "app-team-b", secret: "secret-b-team-b-0123456789", roles: ["platform-admin"] },
  ]);
});
after(async () => {
  await a.close();
  await b.close();
});

async function withGateway(issuers: Array<Record<string, unknown>>, run: (gw: TestGateway) => Promise<void>): Promise<void> {
  const gw = await startTestGateway(authConfig({ issuers }));
  try {
    await run(gw);
  } finally {
    await gw.close();
  }
}

test("by default only the first issuer asserts consumers' app ids and grants roles", async () => {
  await withGateway([issuer(a), issuer(b)], async (gw) => {
    assert.equal((await chat(gw.url, bearer(await a.token("app-team-a")))).status, 200, "tenant A's own app is served");
    const forged = await b.token("app-team-a");
    const r = await chat(gw.url, bearer(forged));
    assert.equal(r.status, 403, "tenant B's app of the same id is not team-a");
    assert.equal(r.body.error?.code, "permission_denied");
    const me = await admin(gw.url, "GET", "/admin/whoami", forged);
    assert.equal(me.status, 200);
    assert.deepEqual([me.body["consumer"], me.body["roles"]], [null, []], "neither team-a nor B's roles");
    const keys = await admin(gw.url, "GET", "/admin/keys", forged);
    assert.equal(keys.status, 403, "B's platform-admin role is not taken");
    assert.equal((await admin(gw.url, "GET", "/admin/consumers/team-a/usage", forged)).status, 403);
    assert.equal((await admin(gw.url, "GET", "/admin/keys", await a.token("app-admin"))).status, 200, "A's role is");
  });
});

test("explicit bindings: each consumer is served to the issuers that list it, roles to the issuers trusted for them", async () => {
  await withGateway([issuer(a, { consumers: ["team-a"] }), issuer(b, { consumers: ["team-b"], grantsRoles: true })], async (gw) => {
    assert.equal((await chat(gw.url, bearer(await a.token("app-team-a")))).status, 200);
    assert.equal((await chat(gw.url, bearer(await b.token("app-team-b")), "gpt4o")).status, 200, "team-b is onboarded through B");
    assert.equal((await chat(gw.url, bearer(await a.token("app-team-b")), "gpt4o")).status, 403, "so A's app-team-b is not team-b");
    assert.equal((await chat(gw.url, bearer(await b.token("app-team-a")))).status, 403, "and B's app-team-a is not team-a");
    assert.equal((await admin(gw.url, "GET", "/admin/keys", await b.token("app-team-b"))).status, 200, "B is trusted for roles");
    const me = await admin(gw.url, "GET", "/admin/whoami", await a.token("app-admin"));
    assert.deepEqual(me.body["roles"], ["platform-admin"], "A still grants roles: it is the first issuer");
  });
  await withGateway([issuer(a, { grantsRoles: false }), issuer(b, { consumers: "*" })], async (gw) => {
    assert.equal((await admin(gw.url, "GET", "/admin/keys", await a.token("app-admin"))).status, 403, "the first issuer can be distrusted for roles");
    assert.equal((await chat(gw.url, bearer(await b.token("app-team-a")))).status, 200, "`*`: B asserts every consumer");
  });
});

test("validate names an unknown consumer in an issuer's list and a consumer no issuer may assert", () => {
  const { dir, remove } = writeConfigDir(authConfig({ issuers: [issuer(a, { consumers: ["team-a", "team-zz", "team-a"] }), issuer(b, { consumers: [] })] }));
  try {
    const result = loadConfig(dir, { requireSecrets: false });
    const lines = result.ok ? [] : result.issues.map(formatIssue);
    assert.ok(lines.some((l) => l.includes("$.auth.issuers[0].consumers[1]") && l.includes("unknown consumer team-zz")), lines.join("\n"));
    assert.ok(lines.some((l) => l.includes("$.auth.issuers[0].consumers[2]") && l.includes("listed twice")), lines.join("\n"));
    assert.ok(lines.some((l) => l.includes("team-b") && l.includes("$.constantAppIdIdentifiers") && l.includes("no issuer may assert")), lines.join("\n"));
  } finally {
    remove();
  }
});
