import { isDeepStrictEqual } from "node:util";
import type { PlatformFile } from "./schema.js";

/**
 * atrium.yaml settings read once at start: the socket, the store, the limit counters, traces and
 * metrics labels, the log level, the outboxes and the audit pipeline's workers and queue. A reload
 * applies everything else; a change to one of these waits for a restart.
 */
const READ_AT_START: ReadonlyArray<readonly [string, (p: PlatformFile) => unknown]> = [
  ["listen", (p) => p.listen],
  ["storage", (p) => p.storage],
  ["state", (p) => p.state],
  ["telemetry", (p) => p.telemetry],
  ["prices.currency", (p) => p.prices.currency],
  ["log", (p) => p.log],
  ["outbox", (p) => p.outbox],
  ["audit.workers", (p) => p.audit.workers],
  ["audit.queue", (p) => p.audit.queue],
  ["audit.outboxDir", (p) => p.audit.outboxDir],
];

/** The atrium.yaml settings that differ between the running ones and the new ones but apply only at start. */
export function settingsNeedingRestart(running: PlatformFile, next: PlatformFile): string[] {
  return READ_AT_START.filter(([, read]) => !isDeepStrictEqual(read(running), read(next))).map(([name]) => name);
}
