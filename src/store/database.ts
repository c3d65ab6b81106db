import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from "kysely";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { rememberSqlite } from "./bulk-insert.js";
import { ownerOnlySqliteFile } from "./owner-only-file.js";
import { MIGRATIONS } from "./migrations/index.js";
import type { Tables } from "./tables.js";

export type StorageSettings =
  | { readonly kind: "sqlite"; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string; readonly schema?: string };

export interface Database {
  readonly db: Kysely<Tables>;
  readonly kind: "sqlite" | "postgres";
  /** True when the store answers a trivial query (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Opens the configured store and brings its schema up to date. SQLite runs in WAL mode so
 * readers (reports, the console) never block the writer on the request path.
 */
export async function openDatabase(settings: StorageSettings, baseDir = "."): Promise<Database> {
  let db: Kysely<Tables>;
  if (settings.kind === "sqlite") {
    const path = settings.path === ":memory:" ? ":memory:" : resolve(baseDir, settings.path);
    if (path !== ":memory:") {
      mkdirSync(dirname(path), { recursive: true });
      ownerOnlySqliteFile(path);
    }
    // Each driver loads only where it is used: pg alone holds ~3 MiB of heap in a SQLite gateway.
    const { default: BetterSqlite3 } = await import("better-sqlite3");
    const sqlite = new BetterSqlite3(path);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
    // better-sqlite3 builds SQLite with a 16 MiB page cache; the gateway appends records and reads
    // small ranges, and 2 MiB (SQLite's own default) holds that: ~15 MiB less resident under load.
    sqlite.pragma("cache_size = -2000");
    db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
    rememberSqlite(db, sqlite);
  } else {
    const schema = settings.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    if (schema) {
      const client = await pool.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        client.release();
      }
    }
    db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  }
  await migrate(db, settings.kind === "postgres" ? settings.schema : undefined);
  return {
    db,
    kind: settings.kind,
    async ping() {
      try {
        await db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/**
 * `schema` pins Kysely's own migration tables to it: otherwise Kysely finds them in any schema of
 * the database (another instance's, a test run's), skips creating its own, and fails.
 */
export async function migrate(db: Kysely<Tables>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`migration ${failed} failed: ${(error as Error).message ?? String(error)}`);
  }
}
