import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config/load.js";
import { resolveKeySecret } from "../../src/store/keys/key-secret.js";
import { writeConfigDir } from "../support/config-dir.js";
import { authConfig } from "./support/auth-config.js";

test("auth.keySecret wins; an empty one (unset variable) is an error, never a silent fallback", () => {
  const sqlite = { kind: "sqlite", path: "./atrium.db" } as const;
  assert.equal(resolveKeySecret("from-the-environment-0123456789abcdef", sqlite, "/nowhere").toString(), "from-the-environment-0123456789abcdef");
  assert.throws(() => resolveKeySecret("", sqlite, "/nowhere"), /not set/);
  assert.throws(() => resolveKeySecret(undefined, { kind: "postgres", url: "postgres://x" }, "/nowhere"), /required/);
});

test("without a configured secret the embedded store generates one beside the database, private, and reuses it", () => {
  const dir = mkdtempSync(join(tmpdir(), "atrium-secret-"));
  try {
    const settings = { kind: "sqlite", path: "data/atrium.db" } as const;
    const first = resolveKeySecret(undefined, settings, dir);
    const again = resolveKeySecret(undefined, settings, dir);
    assert.ok(first.length >= 32);
    assert.deepEqual(again, first, "the gateway and `atrium keys` hash with the same secret");
    const file = join(dir, "data", ".atrium", "key-secret");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const memory = resolveKeySecret(undefined, { kind: "sqlite", path: ":memory:" }, dir);
    assert.notDeepEqual(memory, first);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("validate reports a PostgreSQL store without auth.keySecret, and a short secret", () => {
  const folder = writeConfigDir(authConfig({ storage: { kind: "postgres", url: "postgres://127.0.0.1/x" } }));
  const short = writeConfigDir(authConfig({ keySecret: "too-short" }));
  try {
    const loaded = loadConfig(folder.dir);
    assert.ok(!loaded.ok && loaded.issues.some((i) => i.path === "$.auth.keySecret" && /postgres/.test(i.message)));
    const tooShort = loadConfig(short.dir);
    assert.ok(!tooShort.ok && tooShort.issues.some((i) => i.path === "$.auth.keySecret" && /32 characters/.test(i.message)));
  } finally {
    folder.remove();
    short.remove();
  }
});

test("validate refuses none and HS* algorithms and a duplicated issuer", () => {
  const algorithms = writeConfigDir(authConfig({ issuers: [{ issuer: "https://idp.example.com", audiences: ["api://atrium"], algorithms: ["RS256", "none", "HS256"] }] }));
  const twice = writeConfigDir(
    authConfig({
      issuers: [
        { issuer: "https://idp.example.com", audiences: ["api://atrium"] },
        { issuer: "https://idp.example.com", audiences: ["api://other"] },
      ],
    }),
  );
  try {
    const loaded = loadConfig(algorithms.dir);
    const issues = loaded.ok ? [] : loaded.issues;
    assert.ok(issues.some((i) => i.path === "$.auth.issuers[0].algorithms[1]" && /never none or HS/.test(i.message)), JSON.stringify(issues));
    assert.ok(issues.some((i) => i.path === "$.auth.issuers[0].algorithms[2]"), JSON.stringify(issues));
    const duplicated = loadConfig(twice.dir);
    assert.ok(!duplicated.ok && duplicated.issues.some((i) => i.path === "$.auth.issuers[1].issuer" && /twice/.test(i.message)));
  } finally {
    algorithms.remove();
    twice.remove();
  }
});
