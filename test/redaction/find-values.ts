import { findPii } from "../../src/redaction/find-pii.js";
import type { PiiType } from "../../src/redaction/finding.js";

/** The values findPii reports for `type` in `text`, in order: what a failing test should print. */
export function valuesOf(text: string, type: PiiType): string[] {
  return findPii(text)
    .filter((finding) => finding.type === type)
    .map((finding) => text.slice(finding.start, finding.end));
}

/** Every finding as "TYPE:value". */
export function allFindings(text: string): string[] {
  return findPii(text).map((finding) => `${finding.type}:${text.slice(finding.start, finding.end)}`);
}
