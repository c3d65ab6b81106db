import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { StorageSettings } from "../database.js";

/**
 * The secret subscription keys are hashed under. `auth.keySecret` (from the environment) wins.
 * Without it, the embedded store generates one on first use and keeps it in `.atrium/` beside the
 * SQLite file (a directory that must be writable anyway, unlike a read-only mounted config folder),
 * so the gateway and `atrium keys` agree; an in-memory store gets a per-process secret. PostgreSQL
 * serves several replicas, which must share the secret, so there it is required (cross-check).
 */
export function resolveKeySecret(configured: string | undefined, storage: StorageSettings, configDir: string): Buffer {
  if (configured !== undefined) {
    if (configured === "") throw new Error("auth.keySecret names an environment variable that is not set");
    return Buffer.from(configured, "utf8");
  }
  if (storage.kind === "postgres") throw new Error("auth.keySecret is required when storage is postgres");
  if (storage.path === ":memory:") return randomBytes(32);
  const dir = join(dirname(resolve(configDir, storage.path)), ".atrium");
  const file = join(dir, "key-secret");
  try {
    return Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  // `wx` loses the race to another process creating it at the same moment; then read theirs.
  try {
    writeFileSync(file, `${secret}\n`, { flag: "wx", mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return Buffer.from(readFileSync(file, "utf8").trim(), "utf8");
  }
  return Buffer.from(secret, "utf8");
}
