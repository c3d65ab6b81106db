import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { AzureOpenAI } from "openai";
import { chatCompletion, sendJson, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway, type TestGateway } from "../support/test-gateway.js";
import { authConfig, leakedSecrets } from "./support/auth-config.js";
import { admin, bearer, chat, PROMPT } from "./support/calls.js";
import { COGNITIVE, startTestIdp, type TestIdp } from "./support/test-idp.js";

const PLATFORM_KEY = "platform-upstream-key-0123456789";
let idp: TestIdp;
let upstream: FakeUpstream;
let gw: TestGateway;
const tokens: string[] = [];

async function token(clientId: string, audience?: string): Promise<string> {
  const t = await idp.token(clientId, audience);
  tokens.push(t);
  return t;
}

before(async () => {
  idp = await startTestIdp([
    { clientId: "app-team-a", secret: "secret-team-a-0123456789" },
    { clientId: "app-team-b", secret: "secret-team-b-0123456789" },
    { clientId: "app-ops", secret: "secret-ops-0123456789", roles: ["operator"] },
    { clientId: "app-admin", secret: "secret-admin-0123456789", roles: ["platform-admin", "some-other-app-role"] },
  ]);
  upstream = await startFakeUpstream((_req, res) => sendJson(res, 200, chatCompletion()));
  gw = await startTestGateway(
    authConfig({
      resources: { "aoai-a": { provider: "azure-openai", endpoint: upstream.url, apiKey: PLATFORM_KEY } },
      // Discovery (no jwksUri): the gateway finds the JWKS from the issuer's metadata.
      issuers: [{ issuer: idp.issuer, audiences: ["api://atrium"], bridge: true, jwksCooldownSeconds: 0 }],
    }),
  );
});
after(async () => {
  await gw.close();
  await upstream.close();
  await idp.close();
});

test("an app's client-credentials token from the OpenID provider calls its consumer's deployment", async () => {
  const t = await token("app-team-a");
  assert.equal(decodeProtectedHeader(t).alg, "RS256");
  const r = await chat(gw.url, bearer(t));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const me = await admin(gw.url, "GET", "/admin/whoami", t);
  assert.deepEqual(me.body, { subject: "app-team-a", via: "jwt", roles: ["consumer"], consumer: "team-a", environment: "dev" });
  const other = await chat(gw.url, bearer(t), "gpt4o");
  assert.equal(other.status, 403, "team-a's token does not reach team-b's deployment");
});

test("a signing-key rotation at the provider is picked up without a restart", async () => {
  const before = await token("app-team-b");
  assert.equal((await chat(gw.url, bearer(before), "gpt4o")).status, 200);
  const kid = await idp.rotate();
  const after = await token("app-team-b");
  assert.equal(decodeProtectedHeader(after).kid, kid);
  assert.notEqual(decodeProtectedHeader(before).kid, kid);
  const r = await chat(gw.url, bearer(after), "gpt4o");
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await chat(gw.url, bearer(before), "gpt4o")).status, 200, "tokens signed with the older, still published key keep working");
});

test("the openai SDK's AzureOpenAI with an Entra token provider works through Atrium; upstream sees the platform key, never the token", async () => {
  let handedOut: string | undefined;
  const client = new AzureOpenAI({
    endpoint: gw.url,
    apiVersion: "2024-10-21",
    deployment: "gpt35",
    maxRetries: 0,
    azureADTokenProvider: async () => {
      handedOut = await token("app-team-a", COGNITIVE);
      return handedOut;
    },
  });
  const seen = upstream.requests.length;
  const r = await client.chat.completions.create({ model: "gpt35", messages: [{ role: "user", content: PROMPT }] });
  assert.equal(r.choices[0]?.message.content, "Hello from upstream");
  assert.ok(handedOut);
  assert.equal(decodeJwt(handedOut).aud, COGNITIVE, "the token was minted for Azure OpenAI itself (bridged)");
  const sent = upstream.requests[seen];
  assert.ok(sent);
  assert.equal(sent.headers["api-key"], PLATFORM_KEY, "the platform's credential goes upstream");
  assert.equal(sent.headers["authorization"], undefined);
  assert.ok(!JSON.stringify(sent.headers).includes(handedOut) && !sent.body.includes(handedOut), "the caller's token never does");
});

test("without bridging a token for Azure OpenAI's audience is refused with 401", async () => {
  const strict = await startTestGateway(authConfig({ issuers: [{ issuer: idp.issuer, audiences: ["api://atrium"] }] }));
  try {
    const r = await chat(strict.url, bearer(await token("app-team-a", COGNITIVE)));
    assert.equal(r.status, 401);
    assert.match(r.body.error?.message ?? "", /audience/);
    assert.equal((await chat(strict.url, bearer(await token("app-team-a")))).status, 200);
  } finally {
    await strict.close();
  }
});

test("roles in the token open admin routes: operator reads usage, platform-admin manages keys", async () => {
  const ops = await token("app-ops");
  const usage = await admin(gw.url, "GET", "/admin/consumers/team-a/usage", ops);
  assert.equal(usage.status, 200);
  const data = usage.body["data"] as Array<{ consumer: string }>;
  assert.ok(data.length > 0 && data.every((r) => r.consumer === "team-a"));
  const denied = await admin(gw.url, "GET", "/admin/keys", ops);
  assert.equal(denied.status, 403);
  assert.equal(denied.body.error?.code, "permission_denied");

  const platform = await token("app-admin");
  const me = await admin(gw.url, "GET", "/admin/whoami", platform);
  assert.deepEqual(me.body["roles"], ["platform-admin"], "roles Atrium does not know are ignored");
  assert.equal(me.body["consumer"], null);
  const created = await admin(gw.url, "POST", "/admin/keys", platform, { consumer: "team-b", environment: "dev" });
  assert.equal(created.status, 201);
  tokens.push(created.body["key"] as string);
  assert.equal(created.body["createdBy"], "jwt:app-admin");
  const noData = await chat(gw.url, bearer(platform));
  assert.equal(noData.status, 403, "an admin app that is no consumer cannot call models");
});

test("a consumer's token reads its own usage and is refused another consumer's", async () => {
  const t = await token("app-team-a");
  const own = await admin(gw.url, "GET", "/admin/consumers/team-a/usage", t);
  assert.equal(own.status, 200);
  const other = await admin(gw.url, "GET", "/admin/consumers/team-b/usage", t);
  assert.equal(other.status, 403);
  assert.equal(other.body.error?.code, "permission_denied");
});

test("no token, key or prompt reaches the logs", () => {
  assert.ok(gw.logs.length > 0);
  assert.deepEqual(leakedSecrets(gw.logs, [...tokens, PLATFORM_KEY, PROMPT, "secret-team-a-0123456789"]), []);
});
