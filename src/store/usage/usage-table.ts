/**
 * `usage_records`: one row per request that got a response (src/core/usage-record.ts). Times and
 * latencies are `double precision` so both databases hand back numbers; booleans are 0/1 because
 * SQLite has none. `id` is minted by the gateway; replays of the outbox collide on it and are dropped.
 */
export interface UsageRecordsTable {
  id: string;
  request_id: string;
  at_ms: number;
  consumer: string | null;
  cost_centre: string | null;
  environment: string;
  outside_name: string | null;
  platform_deployment: string | null;
  /** The pool member that served it, `resource/deployment`. */
  target: string | null;
  deployment_type: string | null;
  model: string | null;
  model_version: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  usage_source: string;
  status: number;
  error_code: string | null;
  latency_ms: number;
  first_byte_ms: number | null;
  streamed: number;
  aborted: number;
  attempts: number;
}
