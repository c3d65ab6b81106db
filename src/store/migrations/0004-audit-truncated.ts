import type { Kysely, Migration } from "kysely";

/** Audit records whose text was cut at `audit.maxCaptureChars` say so (0/1, like the other flags). */
export const auditTruncatedMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("audit_records")
      .addColumn("truncated", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("audit_records").dropColumn("truncated").execute();
  },
};
