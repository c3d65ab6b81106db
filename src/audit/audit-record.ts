/**
 * One request as the audit trail captures it, before redaction: what the gateway writes ahead
 * (outbox, Redis stream) and what workers redact into a stored row. Raw text lives only in this
 * form on its way to a worker; the store keeps raw text only for `full` mode.
 */
export type RecordedMode = "metadata" | "redacted" | "full";

export interface PromptMessage {
  /** `system`, `user`, `assistant`, `tool`; `prompt` / `input` for completions and embeddings. */
  readonly role: string;
  readonly content: string;
}

export interface RecordedUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface AuditRecord {
  /** Minted by the gateway, unique per request: the store's key (a client's x-request-id may repeat). */
  readonly id: string;
  readonly requestId: string;
  readonly atMs: number;
  readonly consumer: string;
  readonly environment: string;
  readonly outsideName?: string | undefined;
  readonly platformDeployment?: string | undefined;
  readonly target?: string | undefined;
  readonly model?: string | undefined;
  readonly operation: string;
  readonly mode: RecordedMode;
  readonly streamed: boolean;
  readonly status: number;
  readonly errorCode?: string | undefined;
  readonly aborted: boolean;
  /** Drawn at capture with the consumer's sample rate: the record goes to the review queue. */
  readonly sampled: boolean;
  /** The provider's counts when it sent them; the usage record (same request id) always has counts. */
  readonly usage?: RecordedUsage | undefined;
  /** Absent in metadata mode. */
  readonly prompt?: readonly PromptMessage[] | undefined;
  /** Streams: the text delivered, reassembled from the deltas. JSON replies the provider parsed: their text. */
  readonly responseText?: string | undefined;
  /** Other JSON replies: the body as sent; the worker reads the text out of it, off the request path. */
  readonly responseBody?: string | undefined;
  /** The prompt or the response was cut at `audit.maxCaptureChars`. */
  readonly truncated?: boolean | undefined;
  /** Content-safety categories acted on, as on the usage record. */
  readonly safety?: readonly string[] | undefined;
}

const MODES: ReadonlySet<string> = new Set(["metadata", "redacted", "full"]);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** A replayed outbox line or stream entry: a record when it has what a row needs, else undefined. */
export function parseAuditRecord(value: unknown): AuditRecord | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const id = str(v["id"]);
  const mode = str(v["mode"]);
  const atMs = num(v["atMs"]);
  const status = num(v["status"]);
  if (!id || id.length > 64 || mode === undefined || !MODES.has(mode) || atMs === undefined || status === undefined) return undefined;
  return {
    id,
    requestId: str(v["requestId"]) ?? "",
    atMs,
    consumer: str(v["consumer"]) ?? "",
    environment: str(v["environment"]) ?? "",
    outsideName: str(v["outsideName"]),
    platformDeployment: str(v["platformDeployment"]),
    target: str(v["target"]),
    model: str(v["model"]),
    operation: str(v["operation"]) ?? "",
    mode: mode as RecordedMode,
    streamed: v["streamed"] === true,
    status,
    errorCode: str(v["errorCode"]),
    aborted: v["aborted"] === true,
    sampled: v["sampled"] === true,
    usage: parseUsage(v["usage"]),
    prompt: parsePrompt(v["prompt"]),
    responseText: str(v["responseText"]),
    responseBody: str(v["responseBody"]),
    truncated: v["truncated"] === true,
  };
}

function parseUsage(value: unknown): RecordedUsage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const u = value as Record<string, unknown>;
  const promptTokens = num(u["promptTokens"]);
  const completionTokens = num(u["completionTokens"]);
  const totalTokens = num(u["totalTokens"]);
  if (promptTokens === undefined || completionTokens === undefined || totalTokens === undefined) return undefined;
  return { promptTokens, completionTokens, totalTokens };
}

function parsePrompt(value: unknown): PromptMessage[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: PromptMessage[] = [];
  for (const m of value) {
    if (typeof m !== "object" || m === null) continue;
    const role = str((m as Record<string, unknown>)["role"]);
    const content = str((m as Record<string, unknown>)["content"]);
    if (role !== undefined && content !== undefined) out.push({ role, content });
  }
  return out;
}
