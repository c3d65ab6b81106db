import type { OutboxRecord } from "./outbox.js";

/** Lines back to records, once per id within the batch; `skipped` is told about each bad line. */
export function parseLines<T extends OutboxRecord>(lines: readonly string[], parse: (value: unknown) => T | undefined, skipped: () => void): T[] {
  const seen = new Set<string>();
  const records: T[] = [];
  for (const line of lines) {
    let record: T | undefined;
    try {
      record = parse(JSON.parse(line));
    } catch {
      record = undefined;
    }
    if (!record) skipped();
    else if (!seen.has(record.id)) {
      seen.add(record.id);
      records.push(record);
    }
  }
  return records;
}
