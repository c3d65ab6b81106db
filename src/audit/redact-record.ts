import { isObject } from "../core/json.js";
import { deltaText } from "../metering/usage-tap.js";
import { analyzeExternal, findPiiRemembered, mergeFindings, PseudonymMap, replaceFindings, type ExternalAnalyzerOptions, type Finding } from "../redaction/index.js";
import type { KnownSecrets } from "../redaction/known-secrets.js";
import type { AuditRecord, PromptMessage } from "./audit-record.js";
import type { AuditRecordsTable } from "./store/audit-table.js";

export interface RedactionSettings {
  readonly placeholders: "typed" | "pseudonym";
  /** Asked once per record (all its texts in one call) in addition to the built-in recognisers. */
  readonly external?: ExternalAnalyzerOptions | undefined;
  /** Credentials the config holds in clear, redacted as SECRET wherever they occur. */
  readonly knownSecrets?: KnownSecrets | undefined;
}

export interface RedactedRow {
  readonly row: AuditRecordsTable;
  /** The external analyser failed: the built-in recognisers alone redacted this record. */
  readonly externalFailed: boolean;
}

// Between texts sent to the external analyser in one call; a finding that spans it is dropped.
const SEPARATOR = "\n\n\u2063\n\n";

/**
 * A captured record → a stored row. One PseudonymMap covers the prompt and the response, so the
 * same e-mail is `<EMAIL_1>` in both. `full` keeps the raw text beside the redacted text; the
 * other modes store redacted text only.
 */
export async function redactRecord(r: AuditRecord, settings: RedactionSettings, nowMs: number): Promise<RedactedRow> {
  const prompt = r.prompt ?? [];
  const response = r.mode === "metadata" ? undefined : (r.responseText ?? responseOf(r.responseBody));
  const texts = [...prompt.map((m) => m.content), ...(response === undefined ? [] : [response])];
  let external: Finding[][] | undefined;
  let externalFailed = false;
  if (settings.external && texts.some((t) => t.length > 0)) {
    try {
      external = split(await analyzeExternal(texts.join(SEPARATOR), settings.external), texts);
    } catch {
      externalFailed = true;
    }
  }
  const pseudonyms = settings.placeholders === "pseudonym" ? new PseudonymMap() : undefined;
  const pii: Record<string, number> = {};
  const redacted: string[] = [];
  for (const [i, text] of texts.entries()) {
    const local = await findPiiRemembered(text);
    let findings = external?.[i]?.length ? mergeFindings(local, external[i]) : local;
    const known = settings.knownSecrets?.find(text);
    if (known !== undefined && known.length > 0) findings = mergeFindings(findings, known);
    for (const f of findings) pii[f.type] = (pii[f.type] ?? 0) + 1;
    redacted.push(replaceFindings(text, findings, { mode: settings.placeholders, pseudonyms }));
  }
  const redactedPrompt: PromptMessage[] = prompt.map((m, i) => ({ role: m.role, content: redacted[i] as string }));
  const full = r.mode === "full";
  const withText = r.mode !== "metadata";
  return {
    externalFailed,
    row: {
      id: r.id,
      request_id: clean(r.requestId, 512),
      at_ms: finite(r.atMs),
      stored_at_ms: nowMs,
      consumer: clean(r.consumer, 512),
      environment: clean(r.environment, 32),
      outside_name: cleanOrNull(r.outsideName),
      platform_deployment: cleanOrNull(r.platformDeployment),
      target: cleanOrNull(r.target),
      model: cleanOrNull(r.model),
      operation: clean(r.operation, 32),
      mode: r.mode,
      streamed: r.streamed ? 1 : 0,
      status: Math.trunc(finite(r.status)),
      error_code: cleanOrNull(r.errorCode),
      aborted: r.aborted ? 1 : 0,
      prompt_tokens: r.usage ? Math.trunc(finite(r.usage.promptTokens)) : null,
      completion_tokens: r.usage ? Math.trunc(finite(r.usage.completionTokens)) : null,
      total_tokens: r.usage ? Math.trunc(finite(r.usage.totalTokens)) : null,
      prompt: withText ? JSON.stringify(redactedPrompt) : null,
      response: withText && response !== undefined ? noNul(redacted[prompt.length] ?? "") : null,
      prompt_raw: full ? JSON.stringify(prompt) : null,
      response_raw: full && response !== undefined ? noNul(response) : null,
      pii: withText ? JSON.stringify(pii) : null,
      redaction: withText ? (settings.external ? (externalFailed ? "local (external failed)" : "local+external") : "local") : null,
      sampled: r.sampled ? 1 : 0,
      truncated: r.truncated === true ? 1 : 0,
      reviewed_at_ms: null,
      reviewer: null,
      review_label: null,
      review_note: null,
    },
  };
}

/** The text of a JSON reply (chat message, completion text, tool-call arguments). */
function responseOf(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) ? deltaText(parsed["choices"]) : "";
  } catch {
    return "";
  }
}

/** Findings over the joined text, back onto each text (offsets relative to it). */
function split(findings: readonly Finding[], texts: readonly string[]): Finding[][] {
  const out: Finding[][] = texts.map(() => []);
  let start = 0;
  texts.forEach((text, i) => {
    const end = start + text.length;
    for (const f of findings) {
      if (f.start >= start && f.end <= end) out[i]?.push({ type: f.type, start: f.start - start, end: f.end - start });
    }
    start = end + SEPARATOR.length;
  });
  return out;
}

// PostgreSQL refuses NUL in text; a record must never be able to fail its batch.
const noNul = (s: string): string => (s.includes("\u0000") ? s.replaceAll("\u0000", "") : s);
const clean = (s: string, max: number): string => noNul(s).slice(0, max);
const cleanOrNull = (s: string | undefined): string | null => (s === undefined ? null : clean(s, 512));
const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
