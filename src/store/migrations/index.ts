import type { Migration } from "kysely";

/**
 * Versioned migrations in the order they run. Names sort by their number prefix; never rename or
 * edit a migration that has shipped: add a new one.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {};
