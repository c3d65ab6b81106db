import type { Kysely, Migration } from "kysely";

/** Subscription keys (src/store/keys). Timestamps as double precision: numbers on both databases. */
export const apiKeysMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("api_keys")
      .addColumn("id", "varchar(32)", (c) => c.primaryKey())
      .addColumn("consumer", "varchar(200)", (c) => c.notNull())
      .addColumn("environment", "varchar(16)", (c) => c.notNull())
      .addColumn("name", "varchar(200)")
      .addColumn("hash", "varchar(64)", (c) => c.notNull())
      .addColumn("created_at_ms", "double precision", (c) => c.notNull())
      .addColumn("created_by", "varchar(200)")
      .addColumn("expires_at_ms", "double precision")
      .addColumn("revoked_at_ms", "double precision")
      .addColumn("replaces", "varchar(32)")
      .execute();
    await db.schema.createIndex("api_keys_consumer_environment").on("api_keys").columns(["consumer", "environment"]).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("api_keys").execute();
  },
};
