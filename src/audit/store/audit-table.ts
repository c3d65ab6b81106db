/**
 * `audit_records` (migration 0003-audit). Text columns hold redacted text; `*_raw` only in `full`
 * mode. Booleans are integers 0/1 so one set of queries runs on SQLite and PostgreSQL.
 */
export interface AuditRecordsTable {
  id: string;
  request_id: string;
  at_ms: number;
  stored_at_ms: number;
  consumer: string;
  environment: string;
  outside_name: string | null;
  platform_deployment: string | null;
  target: string | null;
  model: string | null;
  operation: string;
  mode: string;
  streamed: number;
  status: number;
  error_code: string | null;
  aborted: number;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  /** Redacted prompt messages, JSON `[{role, content}]`. */
  prompt: string | null;
  /** Redacted response text. */
  response: string | null;
  prompt_raw: string | null;
  response_raw: string | null;
  /** What redaction found, JSON `{"EMAIL": 2, …}`. */
  pii: string | null;
  /** `local`, `local+external`, or `local (external failed)`. */
  redaction: string | null;
  sampled: number;
  /** 1 when the captured text was cut at `audit.maxCaptureChars` (migration 0004). */
  truncated: number;
  reviewed_at_ms: number | null;
  reviewer: string | null;
  review_label: string | null;
  review_note: string | null;
}
