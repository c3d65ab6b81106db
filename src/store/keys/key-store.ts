import type { Kysely, Selectable } from "kysely";
import type { Environment } from "../../core/catalog.js";
import { GatewayError } from "../../core/errors.js";
import type { Tables } from "../tables.js";
import { generateKey } from "./api-key-format.js";
import type { ApiKeysTable } from "./api-keys-table.js";
import type { KeyHasher } from "./key-hash.js";

export type KeyRow = Selectable<ApiKeysTable>;
export type KeyStatus = "active" | "expiring" | "expired" | "revoked";

/** What the admin API and CLI show: everything but the hash. */
export interface KeyInfo {
  readonly id: string;
  readonly consumer: string;
  readonly environment: string;
  readonly name: string | null;
  readonly status: KeyStatus;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly replaces: string | null;
}

/** A new key: the only moment its plain text exists outside the caller's hands. */
export interface IssuedKey {
  readonly key: string;
  readonly info: KeyInfo;
}

export interface NewKeyRequest {
  readonly consumer: string;
  readonly environment: Environment;
  readonly name?: string | undefined;
  readonly createdBy?: string | undefined;
}

/** At most two live keys per consumer and environment: the one in use and its successor. */
export const MAX_ACTIVE_KEYS = 2;
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

/** Subscription keys in the embedded or the shared database: one set of Kysely queries. */
export class KeyStore {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly hasher: KeyHasher,
    private readonly now: () => number = Date.now,
  ) {}

  async create(request: NewKeyRequest): Promise<IssuedKey> {
    return this.db.transaction().execute(async (trx) => {
      const active = await activeKeys(trx, request.consumer, request.environment, this.now());
      if (active.length >= MAX_ACTIVE_KEYS) {
        throw new GatewayError(
          "invalid_request",
          `Consumer ${request.consumer} already has ${active.length} active keys in ${request.environment} (${active.map((r) => r.id).join(", ")}); revoke or rotate one first.`,
        );
      }
      return this.insert(trx, request, null);
    });
  }

  /**
   * Issues a successor for `id`. The old key keeps working for `graceSeconds` so callers can
   * switch without an outage; 0 revokes it at once (the way out when both slots are taken).
   */
  async rotate(id: string, graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS, createdBy?: string): Promise<IssuedKey & { replaced: KeyInfo }> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.now();
      const old = await trx.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
      if (!old) throw new GatewayError("not_found", `No key with id ${id}.`);
      if (statusOf(old, now) === "revoked" || statusOf(old, now) === "expired") {
        throw new GatewayError("invalid_request", `Key ${id} is ${statusOf(old, now)}; create a new key instead.`);
      }
      const others = (await activeKeys(trx, old.consumer, old.environment, now)).filter((r) => r.id !== id);
      if (others.length + 1 + (graceSeconds > 0 ? 1 : 0) > MAX_ACTIVE_KEYS) {
        throw new GatewayError(
          "invalid_request",
          `Consumer ${old.consumer} would have more than ${MAX_ACTIVE_KEYS} active keys in ${old.environment}; revoke ${others.map((r) => r.id).join(", ")} or rotate with a grace of 0.`,
        );
      }
      const expiresAt = Math.min(old.expires_at_ms ?? Number.POSITIVE_INFINITY, now + graceSeconds * 1000);
      const patch = graceSeconds > 0 ? { expires_at_ms: expiresAt } : { revoked_at_ms: now };
      await trx.updateTable("api_keys").set(patch).where("id", "=", id).execute();
      const issued = await this.insert(trx, { consumer: old.consumer, environment: old.environment as Environment, name: old.name ?? undefined, createdBy }, id);
      return { ...issued, replaced: toInfo({ ...old, ...patch }, now) };
    });
  }

  /** Revoking is final and idempotent; the row stays for the audit trail. */
  async revoke(id: string): Promise<KeyInfo | undefined> {
    const now = this.now();
    await this.db.updateTable("api_keys").set({ revoked_at_ms: now }).where("id", "=", id).where("revoked_at_ms", "is", null).execute();
    const row = await this.find(id);
    return row ? toInfo(row, now) : undefined;
  }

  async find(id: string): Promise<KeyRow | undefined> {
    return this.db.selectFrom("api_keys").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async list(filter: { consumer?: string | undefined; environment?: string | undefined } = {}): Promise<KeyInfo[]> {
    let q = this.db.selectFrom("api_keys").selectAll();
    if (filter.consumer !== undefined) q = q.where("consumer", "=", filter.consumer);
    if (filter.environment !== undefined) q = q.where("environment", "=", filter.environment);
    const rows = await q.orderBy("created_at_ms", "desc").orderBy("id").execute();
    const now = this.now();
    return rows.map((r) => toInfo(r, now));
  }

  private async insert(trx: Kysely<Tables>, request: NewKeyRequest, replaces: string | null): Promise<IssuedKey> {
    const { id, key } = generateKey();
    const row: KeyRow = {
      id,
      consumer: request.consumer,
      environment: request.environment,
      name: request.name ?? null,
      hash: this.hasher.hash(key),
      created_at_ms: this.now(),
      created_by: request.createdBy ?? null,
      expires_at_ms: null,
      revoked_at_ms: null,
      replaces,
    };
    await trx.insertInto("api_keys").values(row).execute();
    return { key, info: toInfo(row, row.created_at_ms) };
  }
}

async function activeKeys(db: Kysely<Tables>, consumer: string, environment: string, now: number): Promise<KeyRow[]> {
  const rows = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("consumer", "=", consumer)
    .where("environment", "=", environment)
    .where("revoked_at_ms", "is", null)
    .execute();
  return rows.filter((r) => r.expires_at_ms === null || r.expires_at_ms > now);
}

export function statusOf(row: KeyRow, now: number): KeyStatus {
  if (row.revoked_at_ms !== null) return "revoked";
  if (row.expires_at_ms === null) return "active";
  return row.expires_at_ms > now ? "expiring" : "expired";
}

function toInfo(row: KeyRow, now: number): KeyInfo {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    consumer: row.consumer,
    environment: row.environment,
    name: row.name,
    status: statusOf(row, now),
    createdAt: new Date(row.created_at_ms).toISOString(),
    createdBy: row.created_by,
    expiresAt: iso(row.expires_at_ms),
    revokedAt: iso(row.revoked_at_ms),
    replaces: row.replaces,
  };
}
