import { mergeFindings } from "../redaction/external-analyzer.js";
import { findPii } from "../redaction/find-pii.js";
import type { KnownSecrets } from "../redaction/known-secrets.js";
import { PseudonymMap } from "../redaction/pseudonym-map.js";
import { replaceFindings } from "../redaction/replace-findings.js";
import { errorLine, mapJsonLines, readRecordLine, type JsonLinesSummary } from "./json-lines.js";

export interface RedactCommandOptions {
  mode?: "typed" | "pseudonym";
  /** Longer lines are answered with an error instead of being held in memory; 16 MiB by default. */
  maxLineChars?: number;
  /** With `--config`: the credentials that config holds, redacted wherever they occur. */
  knownSecrets?: KnownSecrets | undefined;
}

export type RedactSummary = JsonLinesSummary;

const DEFAULT_MAX_LINE_CHARS = 16 * 1024 * 1024;

/** One output line (with its newline) for one input line; `ok` is false for error lines. */
function redactLine(line: string, lineNumber: number, mode: "typed" | "pseudonym", known: KnownSecrets | undefined): { out: string; ok: boolean } {
  const record = readRecordLine(line, lineNumber);
  if ("out" in record) return record;
  const { id, text } = record;
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
  return mapJsonLines(
    input,
    output,
    (line, n) => redactLine(line, n, mode, options.knownSecrets),
    (n) => errorLine(null, `line ${n} is longer than ${maxLineChars} characters`),
    maxLineChars,
  );
}
