import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { SignJWT } from "jose";
import { OTHER_KEY, TEST_KEY } from "../support/config-dir.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { ADMIN_KEY, authConfig, leakedSecrets } from "./support/auth-config.js";
import { admin, bearer, chat, PROMPT, type Answer } from "./support/calls.js";
import { signingKey, startJwksServer, type JwksServer } from "./support/jwks-server.js";

let jwks: JwksServer;
let gw: TestGateway;
const secrets: string[] = [];
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

before(async () => {
  jwks = await startJwksServer();
  gw = await startTestGateway(
    authConfig({ issuers: [{ issuer: jwks.issuer, jwksUri: jwks.jwksUri, audiences: ["api://atrium"], clockSkewSeconds: 5 }] }),
  );
});
after(async () => {
  await gw.close();
  await jwks.close();
});

/** Every refusal is an OpenAI-shaped error with the expected status and code, and never a 5xx. */
function refused(r: Answer, status: number, code: string, message?: RegExp): void {
  assert.ok(r.status < 500, `never a 5xx (got ${r.status})`);
  assert.equal(r.status, status, JSON.stringify(r.body));
  const error = r.body.error;
  assert.ok(error, "an error body");
  assert.equal(error.code, code);
  assert.equal(typeof error.message, "string");
  assert.equal(error.type, status === 401 ? "authentication_error" : status === 403 ? "permission_error" : "not_found_error");
  assert.ok("param" in error);
  if (message) assert.match(error.message, message);
}

async function withToken(token: string, model = "gpt35"): Promise<Answer> {
  secrets.push(token);
  return chat(gw.url, bearer(token), model);
}

test("no credential → 401", async () => refused(await chat(gw.url, {}), 401, "invalid_api_key", /No credential/));

test("a malformed Authorization header → 401", async () => {
  refused(await chat(gw.url, { authorization: "Basic dXNlcjpwYXNz" }), 401, "invalid_api_key", /Bearer/);
  refused(await chat(gw.url, { authorization: "Bearer" }), 401, "invalid_api_key");
  refused(await chat(gw.url, { authorization: "Bearer two words" }), 401, "invalid_api_key");
});

test("a token with alg none → 401", async () => {
  const token = `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: jwks.issuer, aud: "api://atrium", azp: "app-team-a", exp: now() + 600 })}.`;
  refused(await withToken(token), 401, "invalid_api_key", /algorithm/);
});

test("an HS256 token signed with the issuer's RSA public key → 401", async () => {
  const pem = createPublicKey({ key: jwks.key.publicJwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
  const token = await new SignJWT({ iss: jwks.issuer, aud: "api://atrium", azp: "app-team-a", exp: now() + 600 })
    .setProtectedHeader({ alg: "HS256", kid: jwks.key.kid })
    .sign(new TextEncoder().encode(String(pem)));
  refused(await withToken(token), 401, "invalid_api_key", /algorithm/);
});

test("a token from an issuer that is not configured → 401", async () => {
  refused(await withToken(await jwks.mint({ iss: "https://login.example.com/other/v2.0", azp: "app-team-a" })), 401, "invalid_api_key", /issuer/);
});

test("a token for another audience → 401", async () => {
  refused(await withToken(await jwks.mint({ aud: "api://someone-else", azp: "app-team-a" })), 401, "invalid_api_key", /audience/);
});

test("an expired token → 401", async () => {
  refused(await withToken(await jwks.mint({ azp: "app-team-a", iat: now() - 7200, exp: now() - 3600 })), 401, "invalid_api_key", /expired/);
});

test("a token whose nbf is in the future → 401", async () => {
  refused(await withToken(await jwks.mint({ azp: "app-team-a", nbf: now() + 3600 })), 401, "invalid_api_key", /not valid yet/);
});

test("a token with no expiry → 401", async () => {
  const token = await new SignJWT({ iss: jwks.issuer, aud: "api://atrium", azp: "app-team-a" })
    .setProtectedHeader({ alg: "RS256", kid: jwks.key.kid })
    .sign(jwks.key.privateKey);
  refused(await withToken(token), 401, "invalid_api_key", /exp/);
});

test("a token signed with a key (kid) the issuer does not publish → 401", async () => {
  const stranger = await signingKey("kid-nobody-published");
  refused(await withToken(await jwks.mint({ azp: "app-team-a" }, {}, stranger)), 401, "invalid_api_key", /key its issuer does not publish/);
});

test("a tampered payload → 401", async () => {
  const good = await jwks.mint({ azp: "app-team-b" });
  assert.equal((await withToken(good, "gpt4o")).status, 200, "the untampered token works");
  const [header, , signature] = good.split(".");
  const forged = `${header}.${b64({ iss: jwks.issuer, aud: "api://atrium", azp: "app-team-a", exp: now() + 600 })}.${signature}`;
  refused(await withToken(forged), 401, "invalid_api_key", /signature/);
});

test("a JWT-shaped credential that is not a JWT → 401", async () => {
  refused(await withToken("eyJub3Q.anVzdA.bm9pc2U"), 401, "invalid_api_key", /malformed/);
});

test("a valid token for an application no consumer lists → 403", async () => {
  refused(await withToken(await jwks.mint({ azp: "app-stranger" })), 403, "permission_denied", /app-stranger is not onboarded/);
  refused(await withToken(await jwks.mint({ sub: "no-app-claim" })), 403, "permission_denied", /no calling application/);
});

test("a revoked subscription key → 401", async () => {
  const created = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "dev" });
  const key = created.body["key"] as string;
  secrets.push(key);
  assert.equal((await chat(gw.url, bearer(key))).status, 200);
  assert.equal((await admin(gw.url, "DELETE", `/admin/keys/${created.body["id"] as string}`, ADMIN_KEY)).status, 200);
  refused(await chat(gw.url, bearer(key)), 401, "invalid_api_key", /revoked/);
});

test("a subscription key for another environment → 403", async () => {
  const created = await admin(gw.url, "POST", "/admin/keys", ADMIN_KEY, { consumer: "team-a", environment: "test" });
  secrets.push(created.body["key"] as string);
  refused(await chat(gw.url, { "api-key": created.body["key"] as string }), 403, "permission_denied", /test environment/);
});

test("a consumer calling a deployment outside its mapping → 403; a name nobody maps → 404", async () => {
  refused(await chat(gw.url, bearer(OTHER_KEY), "gpt35"), 403, "permission_denied");
  refused(await withToken(await jwks.mint({ azp: "app-team-b" }), "gpt35"), 403, "permission_denied");
  refused(await chat(gw.url, bearer(OTHER_KEY), "no-such-deployment"), 404, "model_not_found");
});

test("a consumer reading another consumer's usage → 403", async () => {
  refused(await admin(gw.url, "GET", "/admin/consumers/team-b/usage", TEST_KEY), 403, "permission_denied");
  refused(await admin(gw.url, "GET", "/admin/consumers/no-such-team/usage", TEST_KEY), 403, "permission_denied");
  assert.equal((await admin(gw.url, "GET", "/admin/consumers/team-a/usage", TEST_KEY)).status, 200);
});

test("the admin API: no credential → 401, a key without the route's role → 403, an undeclared route → 404", async () => {
  refused(await admin(gw.url, "GET", "/admin/keys", undefined), 401, "invalid_api_key");
  refused(await admin(gw.url, "GET", "/admin/keys", "not-a-valid-admin-key-at-all"), 401, "invalid_api_key");
  refused(await admin(gw.url, "GET", "/admin/keys", TEST_KEY), 403, "permission_denied", /platform-admin/);
  const undeclared = await admin(gw.url, "GET", "/admin/secrets", ADMIN_KEY);
  assert.equal(undeclared.status, 404);
  assert.equal(undeclared.body.error?.code, "route_not_found");
  assert.equal((await admin(gw.url, "PUT", "/admin/keys", ADMIN_KEY)).status, 405);
});

test("an admin key is not a data-plane credential → 401", async () => {
  refused(await chat(gw.url, bearer(ADMIN_KEY)), 401, "invalid_api_key");
});

test("an issuer that cannot be reached is the gateway's 503, not the caller's 401", async () => {
  const down = await startTestGateway(authConfig({ issuers: [{ issuer: "http://127.0.0.1:9/idp", jwksUri: "http://127.0.0.1:9/jwks", audiences: ["api://atrium"] }] }));
  try {
    const token = await new SignJWT({ iss: "http://127.0.0.1:9/idp", aud: "api://atrium", azp: "app-team-a", exp: now() + 600 })
      .setProtectedHeader({ alg: "RS256", kid: "k" })
      .sign(jwks.key.privateKey);
    const r = await chat(down.url, bearer(token));
    assert.equal(r.status, 503);
    assert.equal(r.body.error?.code, "service_unavailable");
  } finally {
    await down.close();
  }
});

test("no token, key or prompt reaches the logs", () => {
  assert.ok(gw.logs.length > 0);
  assert.deepEqual(leakedSecrets(gw.logs, [...secrets, ADMIN_KEY, TEST_KEY, OTHER_KEY, PROMPT]), []);
});
