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

const byStart = (a: Finding, b: Finding): number => a.start - b.start || b.end - a.end;
const byStrength = (a: Finding, b: Finding): number =>
  PRIORITY[b.type] - PRIORITY[a.type] || b.end - b.start - (a.end - a.start) || a.start - b.start;

/** Greedy by priority, then length, inside one cluster of mutually overlapping spans (usually 2–3). */
function resolveCluster(cluster: Finding[], out: Finding[]): void {
  const kept: Finding[] = [];
  for (const finding of cluster.sort(byStrength)) {
    if (!kept.some((k) => k.start < finding.end && finding.start < k.end)) kept.push(finding);
  }
  out.push(...kept.sort(byStart));
}

/**
 * Returns non-overlapping findings sorted by start. Spans are grouped into clusters that overlap
 * transitively, and only clusters are resolved, so a text with thousands of findings stays
 * O(n log n).
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const sorted = findings.filter((f) => f.end > f.start).sort(byStart);
  const out: Finding[] = [];
  let cluster: Finding[] = [];
  let clusterEnd = -1;
  for (const finding of sorted) {
    if (finding.start >= clusterEnd && cluster.length > 0) {
      if (cluster.length === 1) out.push(...cluster);
      else resolveCluster(cluster, out);
      cluster = [];
    }
    cluster.push(finding);
    clusterEnd = Math.max(clusterEnd, finding.end);
  }
  if (cluster.length === 1) out.push(...cluster);
  else if (cluster.length > 1) resolveCluster(cluster, out);
  return out;
}
