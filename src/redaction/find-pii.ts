import type { Finding, PiiType } from "./finding.js";
import { RECOGNIZERS } from "./recognizers/index.js";
import { resolveOverlaps } from "./resolve-overlaps.js";
import { TextScan } from "./text-scan.js";

export interface RedactOptions {
  /** Only look for these types; all by default. */
  readonly types?: readonly PiiType[];
  /** `typed`: `<EMAIL>`; `pseudonym`: `<EMAIL_1>`, stable per value within one PseudonymMap. */
  readonly mode?: "typed" | "pseudonym";
}

/** Finds personal data and secrets in `text`: non-overlapping, sorted by start. */
export function findPii(text: string, options: RedactOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const wanted = options.types === undefined ? undefined : new Set(options.types);
  const scan = new TextScan(text);
  const found: Finding[] = [];
  for (const recognizer of RECOGNIZERS) {
    if (wanted === undefined || wanted.has(recognizer.type)) recognizer.find(text, found, scan);
  }
  return resolveOverlaps(found);
}
