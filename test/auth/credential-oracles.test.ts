import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { ADMIN_KEY, authConfig } from "./support/auth-config.js";
import { admin, bearer, chat } from "./support/calls.js";
import { startTestIdp, type TestIdp } from "./support/test-idp.js";

let gw: TestGateway;
let idp: TestIdp;
let prodKey: string;
let devKey: string;

before(async () => {
  idp = await startTestIdp([{ clientId: "app-team-a", secret: "secret-team-a-0123456789", roles: ["operator"] }]);
  // A dev gateway whose one issuer is the prod tenant.
  gw = await startTestGateway(authConfig({ issuers: [{ issuer: idp.issuer, audiences: ["api://atrium"], environment: "prod" }] }));
  const made = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "prod" });
  assert.equal(made.status, 201);
  prodKey = made.body["key"] as string;
  const dev = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "dev" });
  devKey = dev.body["key"] as string;
});
after(async () => {
  await gw.close();
  await idp.close();
});

test("a prod key or token is refused on a dev gateway's admin routes, as on its data plane", async () => {
  assert.equal((await chat(gw.url, bearer(prodKey))).status, 403, "data plane");
  for (const credential of [prodKey, await idp.token("app-team-a")]) {
    for (const path of ["/admin/whoami", "/admin/consumers/team-a/usage"]) {
      const r = await admin(gw.url, "GET", path, credential);
      assert.equal(r.status, 403, `${path}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error?.code, "permission_denied");
      assert.match(r.body.error?.message ?? "", /prod environment; this gateway serves dev/);
    }
  }
  assert.equal((await admin(gw.url, "GET", "/admin/consumers/team-a/usage", devKey)).status, 200, "the dev key still reads its usage");
});

test("an unknown key id and a wrong secret for a known one get the same answer", async () => {
  const id = devKey.slice(4, 16);
  const wrongSecret = `atr_${id}_${"A".repeat(32)}`;
  const unknownId = `atr_ZZZZZZZZZZZZ_${"A".repeat(32)}`;
  for (const call of [(k: string) => chat(gw.url, bearer(k)), (k: string) => admin(gw.url, "GET", "/admin/whoami", k)]) {
    const wrong = await call(wrongSecret);
    const unknown = await call(unknownId);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.body, wrong.body, "same status, same body: nothing says whether the id exists");
  }
});
