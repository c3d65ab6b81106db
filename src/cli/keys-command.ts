import { InvalidArgumentError, Option, type Command } from "commander";
import type { Config } from "../config/config.js";
import { ENVIRONMENTS, type Environment } from "../core/catalog.js";
import { GatewayError } from "../core/errors.js";
import { openDatabase } from "../store/database.js";
import { KeyHasher } from "../store/keys/key-hash.js";
import { resolveKeySecret } from "../store/keys/key-secret.js";
import { DEFAULT_ROTATION_GRACE_SECONDS, KeyStore, type KeyInfo } from "../store/keys/key-store.js";
import { storeConfig } from "./store-config.js";

/**
 * `atrium keys …` is a file verb: it opens the config's `storage:` directly (the same database
 * and key secret the gateway uses), so it works before any gateway or admin credential exists.
 * Running gateways see a revocation within `auth.keyCacheSeconds`. `/admin/keys` does the same
 * over HTTP for remote use.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command("keys").description("create, list, revoke and rotate consumers' subscription keys");
  const configOption = () => new Option("--config <dir>", "config folder whose storage holds the keys").default(".");
  const envOption = () => new Option("--env <env>", "environment the key is for").choices(ENVIRONMENTS as string[]);

  keys
    .command("create")
    .description("issue a key for a consumer in one environment; prints it once (only its hash is stored)")
    .requiredOption("--consumer <name>", "consumer (consumerName in consumers/)")
    .addOption(envOption().makeOptionMandatory())
    .addOption(configOption())
    .option("--name <label>", "a label to tell keys apart")
    .option("--json", "print the key and its record as JSON")
    .action(async (o: { consumer: string; env: Environment; config: string; name?: string; json?: boolean }) => {
      process.exitCode = await withKeys(o.config, async (store, config) => {
        if (!config.consumers.has(o.consumer)) throw new GatewayError("invalid_request", `unknown consumer ${o.consumer} (known: ${[...config.consumers.keys()].sort().join(", ") || "none"})`);
        const { key, info } = await store.create({ consumer: o.consumer, environment: o.env, name: o.name, createdBy: "cli" });
        printIssued(key, info, o.json === true);
      });
    });

  keys
    .command("list")
    .description("list keys (never their text)")
    .option("--consumer <name>", "only this consumer's keys")
    .addOption(envOption())
    .addOption(configOption())
    .option("--json", "print JSON")
    .action(async (o: { consumer?: string; env?: Environment; config: string; json?: boolean }) => {
      process.exitCode = await withKeys(o.config, async (store) => {
        const list = await store.list({ consumer: o.consumer, environment: o.env });
        process.stdout.write(o.json ? `${JSON.stringify(list, null, 2)}\n` : table(list));
      });
    });

  keys
    .command("revoke")
    .description("revoke a key by id; every gateway refuses it within auth.keyCacheSeconds")
    .argument("<id>", "key id (the part after atr_)")
    .addOption(configOption())
    .action(async (id: string, o: { config: string }) => {
      process.exitCode = await withKeys(o.config, async (store) => {
        const info = await store.revoke(id);
        if (!info) throw new GatewayError("not_found", `no key with id ${id}`);
        process.stderr.write(`Revoked key ${info.id} of ${info.consumer} (${info.environment}).\n`);
      });
    });

  keys
    .command("rotate")
    .description("issue a successor for a key; the old one keeps working for the grace period")
    .argument("<id>", "key id to replace")
    .option("--grace-seconds <n>", "how long the old key keeps working; 0 revokes it now", seconds, DEFAULT_ROTATION_GRACE_SECONDS)
    .addOption(configOption())
    .option("--json", "print the new key and its record as JSON")
    .action(async (id: string, o: { graceSeconds: number; config: string; json?: boolean }) => {
      process.exitCode = await withKeys(o.config, async (store) => {
        const { key, info, replaced } = await store.rotate(id, o.graceSeconds, "cli");
        printIssued(key, info, o.json === true);
        process.stderr.write(`Key ${replaced.id} ${replaced.status === "revoked" ? "is revoked" : `works until ${replaced.expiresAt}`}.\n`);
      });
    });
}

async function withKeys(configDir: string, run: (store: KeyStore, config: Config) => Promise<void>): Promise<number> {
  // The store and the secret keys are hashed under; nothing else needs to resolve.
  const config = storeConfig(configDir, ["$.storage", "$.auth.keySecret"]);
  if (!config) return 1;
  const storage = config.platform.storage;
  if (storage.kind === "postgres" && storage.url === "") return fail("storage.url is empty: set the environment variable it names");
  let secret: Buffer;
  try {
    secret = resolveKeySecret(config.platform.auth.keySecret, storage, config.dir);
  } catch (err) {
    return fail((err as Error).message);
  }
  let database;
  try {
    database = await openDatabase(storage, config.dir);
  } catch (err) {
    return fail(`cannot open the key store: ${(err as Error).message}`);
  }
  try {
    await run(new KeyStore(database.db, new KeyHasher(secret)), config);
    return 0;
  } catch (err) {
    if (err instanceof GatewayError) return fail(err.message);
    throw err;
  } finally {
    await database.close();
  }
}

function printIssued(key: string, info: KeyInfo, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...info, key }, null, 2)}\n`);
  } else {
    process.stdout.write(`${key}\n`);
  }
  process.stderr.write(`Created key ${info.id} for ${info.consumer} (${info.environment}). It is shown this once; only its hash is stored.\n`);
}

function table(list: readonly KeyInfo[]): string {
  const rows = [["ID", "CONSUMER", "ENV", "STATUS", "CREATED", "EXPIRES", "NAME"]];
  for (const k of list) rows.push([k.id, k.consumer, k.environment, k.status, k.createdAt, k.expiresAt ?? "-", k.name ?? "-"]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n") + "\n";
}

function fail(message: string): number {
  process.stderr.write(`atrium keys: ${message}\n`);
  return 1;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("a whole number of seconds, 0 or more");
  return n;
}
