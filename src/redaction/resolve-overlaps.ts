import type { Finding, PiiType } from "./finding.js";

// When spans overlap, the more specific and more damaging kind wins: a JWT inside a log line is a
// secret, the digits of an IBAN are not a phone, a card number is not a national id.
const PRIORITY: Readonly<Record<PiiType, number>> = {
  SECRET: 10,
  CARD: 9,
  IBAN: 9,
  EMAIL: 8,
  SSN: 8,
  ID: 7,
  DOB: 6,
  IP: 5,
  PHONE: 4,
  ADDRESS: 3,
  PERSON: 2,
};

function overlaps(kept: readonly Finding[], candidate: Finding): boolean {
  // `kept` is sorted by start; binary search the first span that ends after candidate.start.
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((kept[mid]?.end ?? 0) <= candidate.start) lo = mid + 1;
    else hi = mid;
  }
  const next = kept[lo];
  return next !== undefined && next.start < candidate.end;
}

function insertSorted(kept: Finding[], finding: Finding): void {
  let lo = 0;
  let hi = kept.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((kept[mid]?.start ?? 0) < finding.start) lo = mid + 1;
    else hi = mid;
  }
  kept.splice(lo, 0, finding);
}

/**
 * Returns non-overlapping findings sorted by start. Greedy by priority, then length: exact for
 * the common case of one span nested in another, good enough for partial overlaps.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  if (findings.length <= 1) return findings.filter((f) => f.end > f.start);
  const ranked = findings
    .filter((f) => f.end > f.start)
    .sort(
      (a, b) =>
        PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
    );
  const kept: Finding[] = [];
  for (const finding of ranked) {
    if (!overlaps(kept, finding)) insertSorted(kept, finding);
  }
  return kept;
}
