import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTestGateway } from "../support/test-gateway.js";
import { authConfig } from "./support/auth-config.js";
import { bearer, chat } from "./support/calls.js";
import { startJwksServer } from "./support/jwks-server.js";

test("a JWKS address that discovery names outside the egress allow-list is refused with 503, not 502", async () => {
  // The key set lives on another origin than the issuer, and nobody added it to egress.allowHosts.
  const keys = await startJwksServer();
  const discovery = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ issuer, jwks_uri: keys.jwksUri }));
  });
  await new Promise<void>((resolve) => discovery.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(discovery.address() as AddressInfo).port}`;
  const gw = await startTestGateway(authConfig({ issuers: [{ issuer, audiences: ["api://atrium"] }] }));
  try {
    const token = await keys.mint({ iss: issuer, azp: "app-team-a" });
    const r = await chat(gw.url, bearer(token));
    assert.equal(r.status, 503, JSON.stringify(r.body));
    assert.equal(r.body.error?.code, "service_unavailable");
  } finally {
    await gw.close();
    await keys.close();
    await new Promise<void>((resolve) => discovery.close(() => resolve()));
  }
});
