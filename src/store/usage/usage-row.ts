import type { ErrorCode } from "../../core/errors.js";
import type { UsageRecord } from "../../core/usage-record.js";
import type { UsageRecordsTable } from "./usage-table.js";

/**
 * Record ↔ row, and the check a replayed outbox line passes before it is stored. Strings are
 * capped and stripped of NUL (PostgreSQL refuses it in text) and numbers made finite, so no
 * value can make an INSERT fail and leave a batch stuck in the outbox for ever.
 */
/** The table's columns in order. */
export const USAGE_COLUMNS = [
  "id", "request_id", "at_ms", "consumer", "cost_centre", "environment", "outside_name", "platform_deployment",
  "target", "deployment_type", "model", "model_version", "prompt_tokens", "completion_tokens", "cached_tokens",
  "total_tokens", "usage_source", "status", "error_code", "latency_ms", "first_byte_ms", "streamed", "aborted", "attempts",
] as const satisfies ReadonlyArray<keyof UsageRecordsTable>;

export function toRow(r: UsageRecord): UsageRecordsTable {
  return {
    id: r.id,
    request_id: text(r.requestId) ?? "",
    at_ms: num(r.atMs),
    consumer: text(r.consumer),
    cost_centre: text(r.costCentre),
    environment: text(r.environment) ?? "",
    outside_name: text(r.outsideName),
    platform_deployment: text(r.platformDeployment),
    target: text(r.target),
    deployment_type: text(r.deploymentType),
    model: text(r.model),
    model_version: text(r.modelVersion),
    prompt_tokens: int(r.promptTokens),
    completion_tokens: int(r.completionTokens),
    cached_tokens: int(r.cachedTokens),
    total_tokens: int(r.totalTokens),
    usage_source: r.usageSource,
    status: int(r.status),
    error_code: text(r.errorCode),
    latency_ms: num(r.latencyMs),
    first_byte_ms: r.firstByteMs === undefined ? null : num(r.firstByteMs),
    streamed: r.streamed ? 1 : 0,
    aborted: r.aborted ? 1 : 0,
    attempts: int(r.attempts),
  };
}

export function fromRow(row: UsageRecordsTable): UsageRecord {
  const deploymentType = row.deployment_type === "PTU" || row.deployment_type === "PAYG" ? row.deployment_type : undefined;
  const source = row.usage_source === "provider" || row.usage_source === "tokenizer" ? row.usage_source : "none";
  return {
    id: row.id,
    requestId: row.request_id,
    atMs: Number(row.at_ms),
    consumer: row.consumer ?? undefined,
    costCentre: row.cost_centre ?? undefined,
    environment: row.environment,
    outsideName: row.outside_name ?? undefined,
    platformDeployment: row.platform_deployment ?? undefined,
    target: row.target ?? undefined,
    deploymentType,
    model: row.model ?? undefined,
    modelVersion: row.model_version ?? undefined,
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cachedTokens: Number(row.cached_tokens),
    totalTokens: Number(row.total_tokens),
    usageSource: source,
    status: Number(row.status),
    errorCode: (row.error_code ?? undefined) as ErrorCode | undefined,
    latencyMs: Number(row.latency_ms),
    firstByteMs: row.first_byte_ms === null ? undefined : Number(row.first_byte_ms),
    streamed: Number(row.streamed) === 1,
    aborted: Number(row.aborted) === 1,
    attempts: Number(row.attempts),
  };
}

/** A replayed outbox line: a record if it has the fields a row needs, else undefined. */
export function parseUsageRecord(value: unknown): UsageRecord | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v["id"] !== "string" || typeof v["requestId"] !== "string" || typeof v["atMs"] !== "number") return undefined;
  if (typeof v["status"] !== "number" || typeof v["environment"] !== "string") return undefined;
  const str = (k: string): string | undefined => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const n = (k: string): number => (typeof v[k] === "number" ? (v[k] as number) : 0);
  const type = str("deploymentType");
  const source = str("usageSource");
  return {
    id: v["id"],
    requestId: v["requestId"],
    atMs: v["atMs"],
    consumer: str("consumer"),
    costCentre: str("costCentre"),
    environment: v["environment"],
    outsideName: str("outsideName"),
    platformDeployment: str("platformDeployment"),
    target: str("target"),
    deploymentType: type === "PTU" || type === "PAYG" ? type : undefined,
    model: str("model"),
    modelVersion: str("modelVersion"),
    promptTokens: n("promptTokens"),
    completionTokens: n("completionTokens"),
    cachedTokens: n("cachedTokens"),
    totalTokens: n("totalTokens"),
    usageSource: source === "provider" || source === "tokenizer" ? source : "none",
    status: v["status"],
    errorCode: str("errorCode") as ErrorCode | undefined,
    latencyMs: n("latencyMs"),
    firstByteMs: typeof v["firstByteMs"] === "number" ? v["firstByteMs"] : undefined,
    streamed: v["streamed"] === true,
    aborted: v["aborted"] === true,
    attempts: n("attempts"),
  };
}

function text(s: string | undefined): string | null {
  if (s === undefined) return null;
  const clean = s.includes("\u0000") ? s.replaceAll("\u0000", "") : s;
  return clean.length > 512 ? clean.slice(0, 512) : clean;
}

function num(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

function int(n: number): number {
  return Number.isFinite(n) ? Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(n))) : 0;
}
