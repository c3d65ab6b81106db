import { chmodSync, closeSync, openSync } from "node:fs";

/**
 * Makes the SQLite file (and the `-wal` and `-shm` files beside it) readable by its owner only
 * before the driver opens it: it holds usage and audit records, and SQLite gives its WAL and
 * shared-memory files the database file's mode. Files an earlier version left readable to others
 * are narrowed too. A file this process may not change (owned by another user) is left as it is.
 */
export function ownerOnlySqliteFile(path: string): void {
  closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "EPERM") throw err;
    }
  }
}
