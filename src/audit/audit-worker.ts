import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { AuditRecord } from "./audit-record.js";
import type { AuditMetrics } from "./audit-metrics.js";
import { redactRecord, type RedactedRow, type RedactionSettings } from "./redact-record.js";
import type { AuditStore } from "./store/audit-store.js";

export interface AuditWorkerOptions {
  readonly store: AuditStore;
  /** Read per batch, so placeholder style and analyser follow config reloads. */
  settings(): RedactionSettings;
  /** Records redacted at once; above 1 it only helps while waiting on an external analyser. */
  readonly concurrency: number;
  readonly metrics: AuditMetrics;
  readonly now?: () => number;
}

// The built-in recognisers are synchronous CPU work: when a worker shares the gateway's thread,
// it gives the event loop back this often so requests never queue behind a batch.
const SLICE_MS = 2;

/**
 * Redacts a batch of captured records and stores them. Idempotent by record id, so any queue may
 * deliver a record twice. Throws when the store does: the caller keeps the batch and retries.
 */
export class AuditWorker {
  constructor(private readonly options: AuditWorkerOptions) {}

  async process(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { store, metrics } = this.options;
    const now = this.options.now ?? Date.now;
    const settings = this.options.settings();
    const rows: RedactedRow[] = new Array<RedactedRow>(records.length);
    let next = 0;
    let sliceStart = performance.now();
    const lane = async (): Promise<void> => {
      while (next < records.length) {
        const i = next++;
        rows[i] = await redactRecord(records[i] as AuditRecord, settings, now());
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, records.length)) }, lane));
    metrics.redacted(rows.length, rows.filter((r) => r.externalFailed).length);
    const inserted = await store.insert(rows.map((r) => r.row));
    const storedAt = now();
    metrics.stored(inserted, rows.length - inserted, inserted > 0 ? records.map((r) => (storedAt - r.atMs) / 1000) : []);
  }
}
