import type { AuditStore } from "./store/audit-store.js";

export interface RetentionOptions {
  readonly store: AuditStore;
  /** Read at each run, so a reload's `audit.retentionDays` applies from the next run. */
  retentionDays(): number;
  readonly log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  readonly now?: () => number;
  readonly everyMs?: number;
}

export interface Retention {
  /** One run now; resolves with the number of records deleted. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a run in progress (the database closes next). */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Deletes audit records older than `audit.retentionDays`, at start and then hourly. Every gateway
 * and worker runs it: the DELETE is idempotent, so several running it at once is harmless.
 */
export function startRetention(options: RetentionOptions): Retention {
  const now = options.now ?? Date.now;
  let running: Promise<number> | undefined;
  const runOnce = (): Promise<number> => {
    running ??= (async () => {
      try {
        const cutoffMs = now() - options.retentionDays() * 86_400_000;
        const deleted = await options.store.deleteBefore(cutoffMs);
        if (deleted > 0) options.log.info({ deleted, before: new Date(cutoffMs).toISOString() }, "audit retention deleted old records");
        return deleted;
      } catch (err) {
        options.log.warn({ err: String(err) }, "audit retention run failed; next run in an hour");
        return 0;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), options.everyMs ?? HOUR_MS);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
