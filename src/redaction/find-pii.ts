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
  return resolveOverlaps(keepOut(found, scan));
}

// Kinds no label can overrule: a token in a "version" field is still a secret.
const FIRM = new Set<PiiType>(["SECRET", "EMAIL", "IBAN"]);

/** Index of the last range starting at or before `at` (ranges sorted by start), or -1. */
function lastStartingBefore(ranges: ReadonlyArray<readonly [number, number]>, at: number): number {
  let lo = 0;
  let hi = ranges.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ranges[mid]?.[0] ?? 0) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function inside(ranges: ReadonlyArray<readonly [number, number]>, f: Finding): boolean {
  const range = ranges[lastStartingBefore(ranges, f.start)];
  return range !== undefined && f.end <= range[1];
}

/** Inside a range and shorter than it: part of a labelled value, not the value itself. */
function within(ranges: ReadonlyArray<readonly [number, number]>, f: Finding): boolean {
  const range = ranges[lastStartingBefore(ranges, f.start)];
  return range !== undefined && f.end <= range[1] && f.end - f.start < range[1] - range[0];
}

/**
 * A labelled value decides what lies inside it: nothing in a field labelled as a version, SKU,
 * order number, hash or price ("firmware=12.4.7.224") is redacted, and inside a value labelled
 * as an address or an id only that finding counts (the postcode of an address is not a phone).
 * An address also ends at a tab: a TSV cell is one value.
 */
function keepOut(found: Finding[], scan: TextScan): Finding[] {
  const { keep, found: labelled } = scan.fields;
  const keepRanges = [...keep].sort((a, b) => a[0] - b[0]);
  const own = labelled.map((f): readonly [number, number] => [f.start, f.end]).sort((a, b) => a[0] - b[0]);
  const out: Finding[] = [];
  for (const f of found) {
    if (!FIRM.has(f.type) && (inside(keepRanges, f) || within(own, f))) continue;
    if (f.type === "ADDRESS") {
      const tab = scan.text.indexOf("\t", f.start);
      if (tab !== -1 && tab < f.end) {
        out.push({ type: f.type, start: f.start, end: tab });
        continue;
      }
    }
    out.push(f);
  }
  return out;
}
