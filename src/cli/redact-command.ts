import { once } from "node:events";
import { StringDecoder } from "node:string_decoder";
import { mergeFindings } from "../redaction/external-analyzer.js";
import { findPii } from "../redaction/find-pii.js";
import type { KnownSecrets } from "../redaction/known-secrets.js";
import { PseudonymMap } from "../redaction/pseudonym-map.js";
import { replaceFindings } from "../redaction/replace-findings.js";

export interface RedactCommandOptions {
  mode?: "typed" | "pseudonym";
  /** Longer lines are answered with an error instead of being held in memory; 16 MiB by default. */
  maxLineChars?: number;
  /** With `--config`: the credentials that config holds, redacted wherever they occur. */
  knownSecrets?: KnownSecrets | undefined;
}

export interface RedactSummary {
  lines: number;
  errors: number;
}

const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;
// Only used to keep the id of a line that is not valid JSON, e.g. one cut off mid-text.
const LOOSE_ID = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

type Id = string | number | null;

function errorLine(id: Id, message: string): string {
  return `${JSON.stringify({ id, error: { message, code: "invalid_request" } })}\n`;
}

function looseId(line: string): Id {
  const token = LOOSE_ID.exec(line)?.[1];
  if (token === undefined) return null;
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === "string" || typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}

/** One output line (with its newline) for one input line; `ok` is false for error lines. */
function redactLine(line: string, lineNumber: number, mode: "typed" | "pseudonym", known: KnownSecrets | undefined): { out: string; ok: boolean } {
  const source = line.endsWith("\r") ? line.slice(0, -1) : line;
  if (source.trim() === "") return { out: errorLine(null, `line ${lineNumber} is empty`), ok: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return { out: errorLine(looseId(source), `line ${lineNumber} is not valid JSON`), ok: false };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { out: errorLine(null, `line ${lineNumber} must be a JSON object with "id" and "text"`), ok: false };
  }
  const record = parsed as Record<string, unknown>;
  const rawId = record["id"];
  const id: Id = typeof rawId === "string" || typeof rawId === "number" ? rawId : null;
  const text = record["text"];
  if (typeof text !== "string") {
    return { out: errorLine(id, `line ${lineNumber}: "text" must be a string`), ok: false };
  }
  // Each line is its own conversation: pseudonyms never link values across records.
  let findings = findPii(text);
  const secrets = known?.find(text);
  if (secrets !== undefined && secrets.length > 0) findings = mergeFindings(findings, secrets);
  const redacted = replaceFindings(text, findings, mode === "pseudonym" ? { mode, pseudonyms: new PseudonymMap() } : { mode });
  return { out: `${JSON.stringify({ id, text: redacted })}\n`, ok: true };
}

/**
 * `atrium redact`: JSON Lines `{"id","text"}` in, `{"id","text"}` out with the text redacted, one
 * output line per input line and in the same order. A bad line yields
 * `{"id":…,"error":{"message","code":"invalid_request"}}` instead of stopping the run. Memory
 * stays flat: input is read chunk by chunk, only the current line is held, and writing waits
 * for `drain` whenever the output buffer is full.
 */
export async function runRedact(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: RedactCommandOptions = {},
): Promise<RedactSummary> {
  const mode = options.mode ?? "typed";
  const maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
  const decoder = new StringDecoder("utf8");
  const summary: RedactSummary = { lines: 0, errors: 0 };
  let carry = "";
  let oversized = false;

  // Output lines are gathered and written once per input chunk (or every 64 KiB): one write per
  // line cost more than the redaction of a short line. Memory stays bounded by that batch.
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending.join("");
    pending = [];
    pendingChars = 0;
    if (!output.write(batch)) await once(output, "drain");
  };
  const emit = async (out: string, ok: boolean): Promise<void> => {
    summary.lines++;
    if (!ok) summary.errors++;
    pending.push(out);
    pendingChars += out.length;
    if (pendingChars >= 65_536) await flush();
  };
  const finishLine = async (line: string): Promise<void> => {
    const lineNumber = summary.lines + 1;
    if (oversized || line.length > maxLineChars) {
      oversized = false;
      await emit(errorLine(null, `line ${lineNumber} is longer than ${maxLineChars} characters`), false);
      return;
    }
    const { out, ok } = redactLine(line, lineNumber, mode, options.knownSecrets);
    await emit(out, ok);
  };

  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    let from = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", from)) {
      const line = carry + text.slice(from, newline);
      carry = "";
      from = newline + 1;
      await finishLine(line);
    }
    await flush();
    if (!oversized) carry += text.slice(from);
    if (carry.length > maxLineChars) {
      // Drop the partial line and skip to its end; the error is written when the newline comes.
      oversized = true;
      carry = "";
    }
  }
  carry += decoder.end();
  if (carry !== "" || oversized) await finishLine(carry);
  await flush();
  return summary;
}
