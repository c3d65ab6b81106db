/**
 * Every table's row type, for Kysely. Each store adds its tables here and its migration in
 * migrations/; the same queries then run on SQLite (embedded) and PostgreSQL (at scale).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Tables {}
