/**
 * CPU cost of identifying a caller once warm: a subscription key (cached row + HMAC), a JWT
 * (verified-token cache hit) and, for scale, a cold RS256 verify. Target: < 20 µs per request.
 * Run: node --import tsx bench/auth.ts
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { loadConfig } from "../src/config/load.js";
import type { Credential } from "../src/core/context.js";
import type { Authenticator } from "../src/policies/auth/authenticator.js";
import { jwtAuthenticator } from "../src/policies/auth/jwt-authenticator.js";
import { staticKeyAuthenticator } from "../src/policies/auth/static-keys.js";
import { storeKeyAuthenticator } from "../src/policies/auth/store-keys.js";
import { TokenVerifier } from "../src/policies/auth/token-verifier.js";
import { openDatabase } from "../src/store/database.js";
import { KeyCache } from "../src/store/keys/key-cache.js";
import { KeyHasher } from "../src/store/keys/key-hash.js";
import { KeyStore } from "../src/store/keys/key-store.js";
import { standardConfig, writeConfigDir } from "../test/support/config-dir.js";

// A real config (the tests' standard one plus an issuer with an inline JWKS), so the shapes are the gateway's.
const ISSUER = "https://login.example.com/tenant/v2.0";
const { privateKey, publicKey } = await generateKeyPair("RS256");
const jwk = { ...(await exportJWK(publicKey)), kid: "bench", alg: "RS256" };
const folder = writeConfigDir(standardConfig({ extraPlatform: { auth: { issuers: [{ issuer: ISSUER, jwks: { keys: [jwk] }, audiences: ["api://atrium"] }] } } }));
const loaded = loadConfig(folder.dir);
folder.remove();
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join("\n"));
const config = loaded.config;
const consumers = config.consumers;
const issuer = config.platform.auth.issuers[0]!;

async function cpuMicros(ops: number, authenticator: Authenticator, credential: Credential): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    if (!(await authenticator.authenticate(credential))) throw new Error("not authenticated");
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / ops;
}

async function measure(label: string, authenticator: Authenticator, credential: Credential, ops = 200_000): Promise<void> {
  await cpuMicros(Math.min(ops, 20_000), authenticator, credential); // warm caches and the JIT
  const micros = await cpuMicros(ops, authenticator, credential);
  console.log(`${label.padEnd(44)} ${micros.toFixed(2).padStart(8)} µs CPU per authenticate() (${ops} ops)`);
}

/** A refusal's cost: an unknown key id and a wrong secret must not be told apart by their time. */
async function refusal(label: string, authenticator: Authenticator, credential: Credential, ops = 200_000): Promise<void> {
  const run = async (n: number): Promise<number> => {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) {
      try {
        await authenticator.authenticate(credential);
      } catch {
        continue;
      }
      throw new Error("accepted");
    }
    const used = process.cpuUsage(start);
    return (used.user + used.system) / n;
  };
  await run(20_000);
  console.log(`${label.padEnd(44)} ${(await run(ops)).toFixed(2).padStart(8)} µs CPU per refusal (${ops} ops)`);
}

const database = await openDatabase({ kind: "sqlite", path: ":memory:" });
const hasher = new KeyHasher(Buffer.from("bench-secret-0123456789abcdefghijklmnop"));
const store = new KeyStore(database.db, hasher);
const { key } = await store.create({ consumer: "team-a", environment: "dev" });
const storeKeys = storeKeyAuthenticator(new KeyCache(store, { ttlMs: 60_000 }), hasher, consumers);
await measure("subscription key (warm: cached row + HMAC)", storeKeys, {
  scheme: "bearer",
  value: key,
});
await refusal("subscription key, wrong secret (warm)", storeKeys, { scheme: "bearer", value: `${key.slice(0, 17)}${"A".repeat(32)}` });
await refusal("subscription key, unknown id (warm)", storeKeys, { scheme: "bearer", value: `atr_ZZZZZZZZZZZZ_${"A".repeat(32)}` });
await measure("static key from atrium.yaml (SHA-256 map)", staticKeyAuthenticator([{ key: "static-key-0123456789", consumer: "team-a", environment: undefined }], consumers, "dev"), {
  scheme: "bearer",
  value: "static-key-0123456789",
});

const token = await new SignJWT({ azp: "app-team-a", roles: ["reader"] })
  .setProtectedHeader({ alg: "RS256", kid: "bench" })
  .setIssuer(ISSUER)
  .setAudience("api://atrium")
  .setIssuedAt()
  .setExpirationTime("1h")
  .sign(privateKey);
const noFetch = () => Promise.reject(new Error("no network in the bench"));
const byApp = new Map([[ISSUER, config.consumersByAppId]]);
await measure("JWT (warm: verified-token cache hit)", jwtAuthenticator(new TokenVerifier([issuer], noFetch, 10_000), byApp, "dev"), { scheme: "bearer", value: token });
await measure("JWT (cold: RS256 verify every time)", jwtAuthenticator(new TokenVerifier([issuer], noFetch, 0), byApp, "dev"), { scheme: "bearer", value: token }, 20_000);
await database.close();
