import type { Finding } from "./finding.js";
import { PseudonymMap } from "./pseudonym-map.js";

export interface ReplaceOptions {
  readonly mode?: "typed" | "pseudonym";
  /** Reuse across the turns of one conversation; a fresh map is used when omitted. */
  readonly pseudonyms?: PseudonymMap;
}

/** Replaces non-overlapping findings sorted by start (as findPii and mergeFindings return them). */
export function replaceFindings(text: string, findings: readonly Finding[], options: ReplaceOptions = {}): string {
  if (findings.length === 0) return text;
  // Passing a map without a mode means pseudonyms were wanted.
  const mode = options.mode ?? (options.pseudonyms === undefined ? "typed" : "pseudonym");
  const pseudonyms = mode === "pseudonym" ? (options.pseudonyms ?? new PseudonymMap()) : undefined;
  let result = "";
  let cursor = 0;
  for (const { type, start, end } of findings) {
    if (start < cursor) continue;
    result += text.slice(cursor, start);
    result += pseudonyms === undefined ? `<${type}>` : pseudonyms.placeholder(type, text.slice(start, end));
    cursor = end;
  }
  return result + text.slice(cursor);
}
