import type { ConfigIssue } from "../config/issues.js";
import type { SafetyLevel } from "../safety/level.js";
import { readSafetyLevels } from "../safety/read-levels.js";
import { judge, scanText } from "../safety/scan-text.js";
import { errorLine, mapJsonLines, readRecordLine, type JsonLinesSummary } from "./json-lines.js";

/** One line's answer: `{"id","flagged","categories","score"}` by the level's input rules. */
function scanLine(level: SafetyLevel, line: string, lineNumber: number): { out: string; ok: boolean } {
  const record = readRecordLine(line, lineNumber);
  if ("out" in record) return record;
  const { id, text } = record;
  const verdict = judge(scanText(text, level.input, "input"), level.input);
  const categories = [...verdict.block, ...verdict.flag, ...verdict.redact];
  return { out: `${JSON.stringify({ id, flagged: categories.length > 0, categories, score: verdict.score })}\n`, ok: true };
}

export interface SafetyScanOptions {
  readonly configDir?: string | undefined;
  readonly level?: string | undefined;
}

/**
 * `atrium safety scan`: JSON Lines `{"id","text"}` in, `{"id","flagged","categories","score"}` out,
 * same order, one line per input; the level's input detectors and thresholds decide (default
 * `medium`, from the shipped levels or the config folder's `safety/`).
 */
export async function runSafetyScan(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, options: SafetyScanOptions): Promise<JsonLinesSummary | { error: string }> {
  const issues: ConfigIssue[] = [];
  const levels = readSafetyLevels(options.configDir, issues);
  if (issues.length > 0) return { error: issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join("\n") };
  const name = options.level ?? "medium";
  const level = levels.get(name);
  if (level === undefined) return { error: `unknown content-safety level "${name}" (known: ${[...levels.keys()].join(", ")})` };
  return mapJsonLines(input, output, (line, n) => scanLine(level, line, n), (n) => errorLine(null, `line ${n} is too long`));
}
