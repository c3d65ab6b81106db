import { GatewayError } from "../core/errors.js";
import type { Finding, PiiType } from "./finding.js";
import { resolveOverlaps } from "./resolve-overlaps.js";

export interface ExternalAnalyzerOptions {
  /** Full analyse URL, e.g. `http://presidio-analyzer:3000/analyze`. */
  readonly url: string;
  readonly language?: string;
  readonly timeoutMs?: number;
  /** Results scoring below this are dropped (Presidio scores 0–1). */
  readonly minScore?: number;
  /** Limit the result to these of our types. */
  readonly types?: readonly PiiType[];
  readonly headers?: Readonly<Record<string, string>>;
}

// Presidio's entity names. DATE_TIME is any date, not only a birth date: leave "DOB" out of
// `types` when dates in the text should survive.
export const PRESIDIO_TYPES: Readonly<Record<string, PiiType>> = {
  EMAIL_ADDRESS: "EMAIL",
  PHONE_NUMBER: "PHONE",
  CREDIT_CARD: "CARD",
  IBAN_CODE: "IBAN",
  US_SSN: "SSN",
  IP_ADDRESS: "IP",
  PERSON: "PERSON",
  LOCATION: "ADDRESS",
  DATE_TIME: "DOB",
  US_PASSPORT: "ID",
  US_DRIVER_LICENSE: "ID",
  US_ITIN: "ID",
  US_BANK_NUMBER: "ID",
  UK_NHS: "ID",
  UK_NINO: "ID",
  ES_NIF: "ID",
  ES_NIE: "ID",
  IT_FISCAL_CODE: "ID",
  IT_PASSPORT: "ID",
  IT_IDENTITY_CARD: "ID",
  IT_DRIVER_LICENSE: "ID",
  MEDICAL_LICENSE: "ID",
};

const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_MIN_SCORE = 0.5;

/**
 * Presidio counts Python code points; JS strings index UTF-16 units. Maps one to the other, or
 * to -1 when the offset lies beyond the text.
 */
function utf16Offsets(text: string): (codePoint: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (codePoint) => (codePoint <= text.length ? codePoint : -1);
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    offsets.push(i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) i++;
  }
  offsets.push(text.length);
  return (codePoint) => offsets[codePoint] ?? -1;
}

function toFinding(item: unknown, options: ExternalAnalyzerOptions, toUtf16: (n: number) => number): Finding | undefined {
  if (typeof item !== "object" || item === null) return undefined;
  const { entity_type: entity, start, end, score } = item as Record<string, unknown>;
  if (typeof entity !== "string" || typeof start !== "number" || typeof end !== "number") return undefined;
  const type = PRESIDIO_TYPES[entity];
  if (type === undefined || (options.types !== undefined && !options.types.includes(type))) return undefined;
  if (typeof score === "number" && score < (options.minScore ?? DEFAULT_MIN_SCORE)) return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) return undefined;
  const from = toUtf16(start);
  const to = toUtf16(end);
  return from === -1 || to === -1 ? undefined : { type, start: from, end: to };
}

/**
 * Asks a Presidio-style analyser for findings: POST `{text, language}`, expect an array of
 * `{entity_type, start, end, score}`. Fails with `upstream_timeout` or `upstream_error`; the
 * caller chooses whether to fall back to local findings or to refuse the text.
 */
export async function analyzeExternal(text: string, options: ExternalAnalyzerOptions): Promise<Finding[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let body: unknown;
  try {
    const response = await fetch(options.url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
      body: JSON.stringify({ text, language: options.language ?? "en" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new GatewayError("upstream_error", `External PII analyser answered ${response.status}`, {
        retryable: response.status >= 500,
      });
    }
    body = await response.json();
  } catch (err) {
    if (err instanceof GatewayError) throw err;
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      throw new GatewayError("upstream_timeout", `External PII analyser did not answer within ${timeoutMs} ms`, {
        cause: err,
      });
    }
    throw new GatewayError("upstream_error", "External PII analyser could not be reached", { cause: err });
  }
  if (!Array.isArray(body)) throw new GatewayError("upstream_error", "External PII analyser returned no result list");
  const toUtf16 = utf16Offsets(text);
  const findings: Finding[] = [];
  for (const item of body) {
    const finding = toFinding(item, options, toUtf16);
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}

/** Combines local and external findings into one non-overlapping list sorted by start. */
export function mergeFindings(local: readonly Finding[], external: readonly Finding[]): Finding[] {
  return resolveOverlaps([...local, ...external]);
}
