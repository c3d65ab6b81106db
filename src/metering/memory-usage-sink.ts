import type { UsageRecord, UsageSink } from "../core/usage-record.js";

/** Keeps the last records in memory: the embedded default until a durable store is configured. */
export class MemoryUsageSink implements UsageSink {
  readonly records: UsageRecord[] = [];
  constructor(private readonly keep = 10_000) {}

  write(record: UsageRecord): void {
    this.records.push(record);
    // Trimmed in steps of a tenth: shifting the whole array on every record costs O(keep) each.
    if (this.records.length > this.keep + Math.ceil(this.keep / 10)) this.records.splice(0, this.records.length - this.keep);
  }
}
