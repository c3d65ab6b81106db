import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { AuditRecord } from "./audit-record.js";
import type { AuditMetrics } from "./audit-metrics.js";
import { redactRecord, type RedactedRow, type RedactionSettings } from "./redact-record.js";
import type { AuditStore } from "./store/audit-store.js";
import type { AuditRecordsTable } from "./store/audit-table.js";

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
    const batch: Batch = { records, rows: new Array<RedactedRow>(records.length), next: 0, sliceStart: performance.now(), settings: this.options.settings(), now };
    const lanes: Promise<void>[] = [];
    for (let i = Math.max(1, Math.min(this.options.concurrency, records.length)); i > 0; i--) lanes.push(redactLane(batch));
    await Promise.all(lanes);
    const rows = new Array<AuditRecordsTable>(records.length);
    let externalFailed = 0;
    for (let i = 0; i < rows.length; i++) {
      const redacted = batch.rows[i] as RedactedRow;
      rows[i] = redacted.row;
      if (redacted.externalFailed) externalFailed++;
    }
    metrics.redacted(rows.length, externalFailed);
    const inserted = await store.insert(rows);
    metrics.stored(inserted, rows.length - inserted, inserted > 0 ? lagSeconds(records, now()) : []);
  }
}

/** One batch shared by its lanes. */
interface Batch {
  readonly records: readonly AuditRecord[];
  readonly rows: RedactedRow[];
  next: number;
  sliceStart: number;
  readonly settings: RedactionSettings;
  readonly now: () => number;
}

// The lane and the lag are module functions, not closures made per batch: V8 holds optimised code
// only while a closure of the function is alive, so per-batch closures were compiled again after
// every full GC (see cellsOf in store/bulk-insert).

/** Takes the batch's next record until none is left; yields to the event loop every SLICE_MS. */
async function redactLane(batch: Batch): Promise<void> {
  while (batch.next < batch.records.length) {
    const i = batch.next++;
    batch.rows[i] = await redactRecord(batch.records[i] as AuditRecord, batch.settings, batch.now());
    if (performance.now() - batch.sliceStart > SLICE_MS) {
      await yieldToLoop();
      batch.sliceStart = performance.now();
    }
  }
}

/** Seconds from capture to storage, per record. */
function lagSeconds(records: readonly AuditRecord[], storedAtMs: number): number[] {
  const lags = new Array<number>(records.length);
  for (let i = 0; i < records.length; i++) lags[i] = (storedAtMs - (records[i] as AuditRecord).atMs) / 1000;
  return lags;
}
