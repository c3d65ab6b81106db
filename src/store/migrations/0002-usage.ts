import type { Kysely, Migration } from "kysely";

/**
 * Usage records (src/store/usage). Free text is `text`, never a bounded varchar: a value the
 * client influenced (an outside deployment name) must not make a batch fail on PostgreSQL and
 * block the outbox behind it.
 */
export const usageMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("usage_records")
      .addColumn("id", "varchar(64)", (c) => c.primaryKey())
      .addColumn("request_id", "text", (c) => c.notNull())
      .addColumn("at_ms", "double precision", (c) => c.notNull())
      .addColumn("consumer", "text")
      .addColumn("cost_centre", "text")
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("outside_name", "text")
      .addColumn("platform_deployment", "text")
      .addColumn("target", "text")
      .addColumn("deployment_type", "text")
      .addColumn("model", "text")
      .addColumn("model_version", "text")
      .addColumn("prompt_tokens", "integer", (c) => c.notNull())
      .addColumn("completion_tokens", "integer", (c) => c.notNull())
      .addColumn("cached_tokens", "integer", (c) => c.notNull())
      .addColumn("total_tokens", "integer", (c) => c.notNull())
      .addColumn("usage_source", "text", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("error_code", "text")
      .addColumn("latency_ms", "double precision", (c) => c.notNull())
      .addColumn("first_byte_ms", "double precision")
      .addColumn("streamed", "integer", (c) => c.notNull())
      .addColumn("aborted", "integer", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .execute();
    // Reports scan a period; the consumer's own view scans a period for one consumer.
    await db.schema.createIndex("usage_records_at").on("usage_records").column("at_ms").execute();
    await db.schema.createIndex("usage_records_consumer_at").on("usage_records").columns(["consumer", "at_ms"]).execute();
    await db.schema.createIndex("usage_records_request_id").on("usage_records").column("request_id").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("usage_records").execute();
  },
};
