import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A copy of the demo config folder in a new temporary folder, without what a run left in it (its
 * SQLite store, its outbox): two gateways on one folder would share an outbox, and the second
 * refuses to start.
 */
export function copyOfDemo(root: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(root, "demo"), dir, { recursive: true, filter: (src) => !/\.db(-wal|-shm)?$|\/\.atrium(\/|$)/.test(src) });
  return dir;
}
