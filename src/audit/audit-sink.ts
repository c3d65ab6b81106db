import type { AuditRecord } from "./audit-record.js";

/** What the audit policy needs from the pipeline; the gateway's AuditService implements it. */
export interface AuditSink {
  /** Resolves once the record is written ahead (never waits for redaction or the store). */
  enqueue(record: AuditRecord): Promise<void>;
  /** False while the pipeline cannot take records: fail-closed consumers are refused then. */
  accepting(): boolean;
  /** Counts a request refused because the pipeline was not accepting. */
  refused(consumer: string): void;
}
