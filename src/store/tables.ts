import type { ApiKeysTable } from "./keys/api-keys-table.js";
import type { UsageRecordsTable } from "./usage/usage-table.js";
import type { AuditRecordsTable } from "../audit/store/audit-table.js";

/**
 * Every table's row type, for Kysely. Each store adds its tables here and its migration in
 * migrations/; the same queries then run on SQLite (embedded) and PostgreSQL (at scale).
 */
export interface Tables {
  api_keys: ApiKeysTable;
  usage_records: UsageRecordsTable;
  audit_records: AuditRecordsTable;
}
