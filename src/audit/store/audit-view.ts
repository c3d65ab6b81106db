import type { AuditSummaryRow } from "./audit-store.js";
import type { AuditRecordsTable } from "./audit-table.js";

/**
 * Stored rows as the admin API shows them. Governance sees redacted text only: none of these
 * views reads a `*_raw` column; `rawView` is a separate view for a separately authorised route.
 */
export interface AuditSummary {
  readonly id: string;
  readonly requestId: string;
  readonly at: string;
  readonly atMs: number;
  readonly consumer: string;
  readonly environment: string;
  readonly outsideName: string | null;
  readonly platformDeployment: string | null;
  readonly target: string | null;
  readonly model: string | null;
  readonly operation: string;
  readonly mode: string;
  readonly streamed: boolean;
  readonly status: number;
  readonly errorCode: string | null;
  readonly aborted: boolean;
  readonly usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  readonly pii: Record<string, number> | null;
  readonly redaction: string | null;
  readonly sampled: boolean;
  /** The captured text was cut at `audit.maxCaptureChars`. */
  readonly truncated: boolean;
  readonly review: { atMs: number; at: string; reviewer: string | null; label: string | null; note: string | null } | null;
  /** List views: the start of the last user message, redacted. */
  readonly preview?: string;
}

export interface AuditDetail extends AuditSummary {
  readonly prompt: Array<{ role: string; content: string }> | null;
  readonly response: string | null;
}

const PREVIEW_CHARS = 160;

export function summaryView(row: AuditSummaryRow, withPreview: boolean): AuditSummary {
  const atMs = Number(row.at_ms);
  const hasUsage = row.total_tokens !== null;
  const summary: AuditSummary = {
    id: row.id,
    requestId: row.request_id,
    at: new Date(atMs).toISOString(),
    atMs,
    consumer: row.consumer,
    environment: row.environment,
    outsideName: row.outside_name,
    platformDeployment: row.platform_deployment,
    target: row.target,
    model: row.model,
    operation: row.operation,
    mode: row.mode,
    streamed: Number(row.streamed) === 1,
    status: Number(row.status),
    errorCode: row.error_code,
    aborted: Number(row.aborted) === 1,
    usage: hasUsage ? { promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens), totalTokens: Number(row.total_tokens) } : null,
    pii: row.pii === null ? null : (parseJson(row.pii) as Record<string, number> | null),
    redaction: row.redaction,
    sampled: Number(row.sampled) === 1,
    truncated: Number(row.truncated) === 1,
    review:
      row.reviewed_at_ms === null
        ? null
        : { atMs: Number(row.reviewed_at_ms), at: new Date(Number(row.reviewed_at_ms)).toISOString(), reviewer: row.reviewer, label: row.review_label, note: row.review_note },
  };
  return withPreview ? { ...summary, preview: preview(prompt(row.prompt)) } : summary;
}

export function detailView(row: AuditRecordsTable): AuditDetail {
  return { ...summaryView(row, false), prompt: prompt(row.prompt), response: row.response };
}

/** The raw text of a `full` record, for the platform-admin route only. */
export function rawView(row: AuditRecordsTable): { id: string; mode: string; prompt: Array<{ role: string; content: string }> | null; response: string | null } {
  return { id: row.id, mode: row.mode, prompt: prompt(row.prompt_raw), response: row.response_raw };
}

function prompt(json: string | null): Array<{ role: string; content: string }> | null {
  if (json === null) return null;
  const value = parseJson(json);
  return Array.isArray(value) ? (value as Array<{ role: string; content: string }>) : null;
}

function preview(messages: Array<{ role: string; content: string }> | null): string {
  if (!messages || messages.length === 0) return "";
  const user = [...messages].reverse().find((m) => m.role === "user") ?? messages[messages.length - 1];
  const text = user?.content ?? "";
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
