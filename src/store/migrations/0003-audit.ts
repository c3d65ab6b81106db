import type { Kysely, Migration } from "kysely";

/**
 * Audit records (src/audit/store). Prompts and responses are unbounded `text`; the id is the
 * gateway's own per-request id, so at-least-once delivery inserts each record once
 * (`ON CONFLICT (id) DO NOTHING`).
 */
export const auditMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("audit_records")
      .addColumn("id", "varchar(64)", (c) => c.primaryKey())
      .addColumn("request_id", "text", (c) => c.notNull())
      .addColumn("at_ms", "double precision", (c) => c.notNull())
      .addColumn("stored_at_ms", "double precision", (c) => c.notNull())
      .addColumn("consumer", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("outside_name", "text")
      .addColumn("platform_deployment", "text")
      .addColumn("target", "text")
      .addColumn("model", "text")
      .addColumn("operation", "text", (c) => c.notNull())
      .addColumn("mode", "text", (c) => c.notNull())
      .addColumn("streamed", "integer", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("error_code", "text")
      .addColumn("aborted", "integer", (c) => c.notNull())
      .addColumn("prompt_tokens", "integer")
      .addColumn("completion_tokens", "integer")
      .addColumn("total_tokens", "integer")
      .addColumn("prompt", "text")
      .addColumn("response", "text")
      .addColumn("prompt_raw", "text")
      .addColumn("response_raw", "text")
      .addColumn("pii", "text")
      .addColumn("redaction", "text")
      .addColumn("sampled", "integer", (c) => c.notNull())
      .addColumn("reviewed_at_ms", "double precision")
      .addColumn("reviewer", "text")
      .addColumn("review_label", "text")
      .addColumn("review_note", "text")
      .execute();
    // Retention and the time-ordered list scan by time; governance filters by consumer and by the review queue.
    await db.schema.createIndex("audit_records_at").on("audit_records").column("at_ms").execute();
    await db.schema.createIndex("audit_records_consumer_at").on("audit_records").columns(["consumer", "at_ms"]).execute();
    await db.schema.createIndex("audit_records_sampled_at").on("audit_records").columns(["sampled", "at_ms"]).execute();
    await db.schema.createIndex("audit_records_request_id").on("audit_records").column("request_id").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("audit_records").execute();
  },
};
