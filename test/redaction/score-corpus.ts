import { readFileSync } from "node:fs";
import type { Finding, PiiType } from "../../src/redaction/finding.js";
import type { CorpusRecord } from "./corpus/record.js";

export interface TypeScore {
  found: number;
  total: number;
}

export interface CorpusScore {
  readonly recall: Map<PiiType, TypeScore>;
  readonly overall: TypeScore;
  readonly negatives: TypeScore;
  /** Human-readable misses and false alarms, for debugging a failing run. */
  readonly problems: string[];
}

export function loadCorpus(): CorpusRecord[] {
  const text = readFileSync(new URL("./corpus.jsonl", import.meta.url), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as CorpusRecord);
}

function occurrences(text: string, value: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(value); i !== -1; i = text.indexOf(value, i + 1)) at.push(i);
  return at;
}

const isAlnum = (ch: string): boolean => /[\p{L}\p{N}]/u.test(ch);

/** Every letter and digit of the span lies inside a finding of its type (punctuation at the edges may stay). */
function covered(text: string, start: number, end: number, findings: readonly Finding[], type?: PiiType): boolean {
  for (let i = start; i < end; i++) {
    if (!isAlnum(text[i] ?? "")) continue;
    if (!findings.some((f) => f.start <= i && i < f.end && (type === undefined || f.type === type))) return false;
  }
  return true;
}

function touched(start: number, end: number, findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.start < end && start < f.end);
}

/** Recall per type (span fully covered by a finding of that type) and share of negatives left alone. */
export function scoreCorpus(records: readonly CorpusRecord[], find: (text: string) => Finding[]): CorpusScore {
  const recall = new Map<PiiType, TypeScore>();
  const overall = { found: 0, total: 0 };
  const negatives = { found: 0, total: 0 };
  const problems: string[] = [];
  for (const entry of records) {
    const findings = find(entry.text);
    const spanRanges: Array<[number, number]> = [];
    for (const span of entry.spans) {
      const score = recall.get(span.type) ?? { found: 0, total: 0 };
      recall.set(span.type, score);
      const starts = occurrences(entry.text, span.value);
      for (const s of starts) spanRanges.push([s, s + span.value.length]);
      const ok = starts.length > 0 && starts.every((s) => covered(entry.text, s, s + span.value.length, findings, span.type));
      score.total++;
      overall.total++;
      if (ok) {
        score.found++;
        overall.found++;
      } else {
        problems.push(`missed ${span.type} ${JSON.stringify(span.value)} in ${JSON.stringify(entry.text.slice(0, 160))}`);
      }
    }
    for (const value of entry.negatives) {
      // Occurrences inside a labelled span (a "404" within a phone number) do not count.
      const free = occurrences(entry.text, value).filter(
        (s) => !spanRanges.some(([a, b]) => a < s + value.length && s < b),
      );
      negatives.total++;
      const hit = free.map((s) => touched(s, s + value.length, findings)).find((f) => f !== undefined);
      if (free.length > 0 && hit === undefined) negatives.found++;
      else problems.push(`redacted negative ${JSON.stringify(value)} as ${hit?.type ?? "?"} in ${JSON.stringify(entry.text.slice(0, 160))}`);
    }
  }
  return { recall, overall, negatives, problems };
}
