import { sql, type Kysely } from "kysely";
import { BulkInsert, cellsOf } from "../../store/bulk-insert.js";
import type { Tables } from "../../store/tables.js";
import type { AuditRecordsTable } from "./audit-table.js";

export interface AuditQuery {
  readonly consumer?: string | undefined;
  /** Inclusive, epoch ms. */
  readonly fromMs?: number | undefined;
  /** Exclusive, epoch ms. */
  readonly toMs?: number | undefined;
  readonly reviewed?: boolean | undefined;
  readonly sampled?: boolean | undefined;
  /** Case-insensitive substring of the redacted prompt or response. */
  readonly text?: string | undefined;
  readonly limit: number;
  /** Continue after this record (the previous page's `next`). */
  readonly after?: { readonly atMs: number; readonly id: string } | undefined;
}

export interface Review {
  readonly label: string;
  readonly note: string | undefined;
  readonly reviewer: string;
  readonly atMs: number;
}

const COLUMNS = [
  "id", "request_id", "at_ms", "stored_at_ms", "consumer", "environment", "outside_name", "platform_deployment", "target", "model",
  "operation", "mode", "streamed", "status", "error_code", "aborted", "prompt_tokens", "completion_tokens", "total_tokens", "prompt",
  "response", "prompt_raw", "response_raw", "pii", "redaction", "sampled", "reviewed_at_ms", "reviewer", "review_label", "review_note",
  "truncated",
] as const satisfies ReadonlyArray<keyof AuditRecordsTable>;

/** The columns a list shows: everything but the texts (a preview is cut from the redacted prompt). */
const SUMMARY = [
  "id", "request_id", "at_ms", "consumer", "environment", "outside_name", "platform_deployment", "target", "model", "operation",
  "mode", "streamed", "status", "error_code", "aborted", "prompt_tokens", "completion_tokens", "total_tokens", "prompt", "pii",
  "redaction", "sampled", "reviewed_at_ms", "reviewer", "review_label", "review_note", "truncated",
] as const satisfies ReadonlyArray<keyof AuditRecordsTable>;

export type AuditSummaryRow = Pick<AuditRecordsTable, (typeof SUMMARY)[number]>;

/** Audit records on SQLite or PostgreSQL through one set of Kysely queries. */
export class AuditStore {
  private readonly rows: BulkInsert;

  constructor(private readonly db: Kysely<Tables>) {
    this.rows = new BulkInsert(db, "audit_records", COLUMNS, "id");
  }

  /** Idempotent by id (delivery is at-least-once); returns how many rows were new. */
  insert(rows: readonly AuditRecordsTable[]): Promise<number> {
    return this.rows.insert(cellsOf(rows, COLUMNS));
  }

  /** Newest first; `limit + 1` rows are read so the caller knows whether a next page exists. */
  async list(q: AuditQuery): Promise<AuditSummaryRow[]> {
    let query = this.db.selectFrom("audit_records").select(SUMMARY);
    if (q.consumer !== undefined) query = query.where("consumer", "=", q.consumer);
    if (q.fromMs !== undefined) query = query.where("at_ms", ">=", q.fromMs);
    if (q.toMs !== undefined) query = query.where("at_ms", "<", q.toMs);
    if (q.sampled !== undefined) query = query.where("sampled", "=", q.sampled ? 1 : 0);
    if (q.reviewed !== undefined) query = query.where("reviewed_at_ms", q.reviewed ? "is not" : "is", null);
    if (q.text !== undefined && q.text !== "") {
      // The prompt column is JSON: look for the text as JSON would have written it.
      const inPrompt = `%${escapeLike(JSON.stringify(q.text).slice(1, -1))}%`;
      const inResponse = `%${escapeLike(q.text)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`lower(${eb.ref("prompt")}) like lower(${inPrompt}) escape '\\'`,
          sql<boolean>`lower(${eb.ref("response")}) like lower(${inResponse}) escape '\\'`,
        ]),
      );
    }
    const after = q.after;
    if (after !== undefined) {
      query = query.where((eb) => eb.or([eb("at_ms", "<", after.atMs), eb.and([eb("at_ms", "=", after.atMs), eb("id", "<", after.id)])]));
    }
    return query.orderBy("at_ms", "desc").orderBy("id", "desc").limit(q.limit + 1).execute();
  }

  async get(id: string): Promise<AuditRecordsTable | undefined> {
    return this.db.selectFrom("audit_records").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Marks a record reviewed (a later review replaces an earlier one); false when no such record. */
  async review(id: string, review: Review): Promise<boolean> {
    const result = await this.db
      .updateTable("audit_records")
      .set({ reviewed_at_ms: review.atMs, reviewer: review.reviewer, review_label: review.label, review_note: review.note ?? null })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Retention: deletes records made before `cutoffMs`; returns how many. */
  async deleteBefore(cutoffMs: number): Promise<number> {
    const result = await this.db.deleteFrom("audit_records").where("at_ms", "<", cutoffMs).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
