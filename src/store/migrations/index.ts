import type { Migration } from "kysely";
import { apiKeysMigration } from "./0001-api-keys.js";
import { usageMigration } from "./0002-usage.js";
import { auditMigration } from "./0003-audit.js";
import { auditTruncatedMigration } from "./0004-audit-truncated.js";

/**
 * Versioned migrations in the order they run. Names sort by their number prefix; never rename or
 * edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-api-keys": apiKeysMigration,
  "0002-usage": usageMigration,
  "0003-audit": auditMigration,
  "0004-audit-truncated": auditTruncatedMigration,
};
