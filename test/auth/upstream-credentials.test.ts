import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt } from "jose";
import { loadConfig } from "../../src/config/load.js";
import { TEST_KEY, writeConfigDir } from "../support/config-dir.js";
import { chatCompletion, sendJson, startFakeUpstream, type FakeUpstream } from "../support/fake-upstream.js";
import { startTestGateway } from "../support/test-gateway.js";
import { authConfig, leakedSecrets } from "./support/auth-config.js";
import { bearer, chat, PROMPT } from "./support/calls.js";
import { COGNITIVE, startTestIdp, type TestIdp } from "./support/test-idp.js";

const CLIENT_SECRET = "platform-client-secret-0123456789";
let idp: TestIdp;
let upstream: FakeUpstream;

before(async () => {
  idp = await startTestIdp([{ clientId: "atrium-platform", secret: CLIENT_SECRET }]);
  upstream = await startFakeUpstream((_req, res) => sendJson(res, 200, chatCompletion()));
});
after(async () => {
  await upstream.close();
  await idp.close();
});

function entraResource(tokenUrl: string): Record<string, Record<string, unknown>> {
  return { "aoai-entra": { provider: "azure-openai", endpoint: upstream.url, auth: { tokenUrl, clientId: "atrium-platform", clientSecret: CLIENT_SECRET } } };
}

test("an Entra-authenticated resource gets a client-credentials token once and sends it as Bearer instead of api-key", async () => {
  const gw = await startTestGateway(authConfig({ resources: entraResource(idp.tokenUrl) }));
  try {
    const fetchesBefore = idp.tokenRequests();
    const seen = upstream.requests.length;
    assert.equal((await chat(gw.url, bearer(TEST_KEY))).status, 200);
    assert.equal((await chat(gw.url, bearer(TEST_KEY))).status, 200);
    assert.equal(idp.tokenRequests() - fetchesBefore, 1, "the token is cached between requests");
    const [first, second] = upstream.requests.slice(seen);
    assert.ok(first && second);
    assert.equal(first.headers["api-key"], undefined);
    const auth = String(first.headers["authorization"]);
    assert.match(auth, /^Bearer ey/);
    assert.equal(second.headers["authorization"], auth);
    const claims = decodeJwt(auth.slice(7));
    assert.equal(claims.aud, COGNITIVE, "scope https://cognitiveservices.azure.com/.default by default");
    assert.equal(claims["client_id"], "atrium-platform");
    assert.ok(!auth.includes(TEST_KEY));
    assert.deepEqual(leakedSecrets(gw.logs, [CLIENT_SECRET, auth.slice(7), TEST_KEY, PROMPT]), []);
  } finally {
    await gw.close();
  }
});

/** A token endpoint we control: short-lived tokens numbered in order, or a refusal. */
async function startTokenEndpoint(answer: (n: number) => { status: number; body: object }): Promise<{ url: string; forms: URLSearchParams[]; server: Server }> {
  const forms: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      forms.push(new URLSearchParams(text));
      const { status, body } = answer(forms.length);
      sendJson(res, status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenant/oauth2/v2.0/token`, forms, server };
}

test("a token is refreshed once it nears expiry", async () => {
  const endpoint = await startTokenEndpoint((n) => ({ status: 200, body: { token_type: "Bearer", access_token: `upstream-token-${n}`, expires_in: "1" } }));
  const gw = await startTestGateway(authConfig({ resources: entraResource(endpoint.url) }));
  try {
    const seen = upstream.requests.length;
    assert.equal((await chat(gw.url, bearer(TEST_KEY))).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await chat(gw.url, bearer(TEST_KEY))).status, 200);
    const sent = upstream.requests.slice(seen).map((r) => r.headers["authorization"]);
    assert.deepEqual(sent, ["Bearer upstream-token-1", "Bearer upstream-token-2"]);
    const form = endpoint.forms[0];
    assert.equal(form?.get("grant_type"), "client_credentials");
    assert.equal(form?.get("client_id"), "atrium-platform");
    assert.equal(form?.get("scope"), `${COGNITIVE}/.default`);
  } finally {
    await gw.close();
    endpoint.server.close();
  }
});

test("a refused token request fails the call with a 5xx that names no secret, and the upstream is not called", async () => {
  const endpoint = await startTokenEndpoint(() => ({ status: 401, body: { error: "invalid_client", error_description: "bad secret" } }));
  const gw = await startTestGateway(authConfig({ resources: entraResource(endpoint.url) }));
  try {
    const seen = upstream.requests.length;
    const r = await chat(gw.url, bearer(TEST_KEY));
    // Routing decides 502 (upstream_error) or 503 (the pool has no member left); ours is the reason.
    assert.ok(r.status === 502 || r.status === 503, String(r.status));
    assert.match(r.body.error?.message ?? "", /credential for the upstream.*401, invalid_client/);
    assert.ok(!JSON.stringify(r.body).includes(CLIENT_SECRET));
    assert.equal(upstream.requests.length, seen);
  } finally {
    await gw.close();
    endpoint.server.close();
  }
});

test("config refuses client credentials beside an apiKey or on a non-Azure resource", () => {
  const folder = writeConfigDir(
    authConfig({
      resources: {
        both: { provider: "azure-openai", endpoint: "https://a.example.com", apiKey: "k", auth: { authority: "https://login.example.com/t", clientId: "c", clientSecret: "s" } },
        openai: { provider: "openai", endpoint: "https://b.example.com", auth: { authority: "https://login.example.com/t", clientId: "c", clientSecret: "s" } },
        neither: { provider: "azure-openai", endpoint: "https://c.example.com", auth: { clientId: "c", clientSecret: "s" } },
      },
    }),
  );
  try {
    const loaded = loadConfig(folder.dir);
    assert.equal(loaded.ok, false);
    const paths = loaded.ok ? [] : loaded.issues.map((i) => i.path);
    assert.ok(paths.includes("$.resources.both.auth"), paths.join(" "));
    assert.ok(paths.includes("$.resources.openai.auth"), paths.join(" "));
    assert.ok(paths.some((p) => p.startsWith("$.resources.neither.auth")), paths.join(" "));
  } finally {
    folder.remove();
  }
});

test("an authority implies its v2 token endpoint, which joins the egress allow-list", () => {
  const folder = writeConfigDir(
    authConfig({
      resources: { aoai: { provider: "azure-openai", endpoint: "https://a.example.com", auth: { authority: "https://login.example.com/tenant-1/", clientId: "c", clientSecret: "s" } } },
    }),
  );
  try {
    const loaded = loadConfig(folder.dir);
    assert.ok(loaded.ok, loaded.ok ? "" : loaded.issues.map((i) => `${i.path} ${i.message}`).join("\n"));
    assert.equal(loaded.config.resources.get("aoai")?.entra?.tokenUrl, "https://login.example.com/tenant-1/oauth2/v2.0/token");
    assert.ok(loaded.config.egress.has("https://login.example.com"));
  } finally {
    folder.remove();
  }
});
