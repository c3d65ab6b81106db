/**
 * Scores findPii on the evaluation corpus: recall per type and per form of text, hard negatives
 * kept. Run: node --import tsx test/redaction/eval/score-eval.ts [dev|holdout] [--misses]
 * prints the markdown tables docs/redaction.md quotes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findPii } from "../../../src/redaction/find-pii.js";
import { scoreCorpus, type CorpusScore } from "../score-corpus.js";
import type { EvalRecord } from "./make-eval-corpus.js";

export type Part = "dev" | "holdout";

export function loadEval(part: Part): EvalRecord[] {
  return readFileSync(new URL(`./${part}.jsonl`, import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as EvalRecord);
}

export function scoreEval(records: readonly EvalRecord[]): { all: CorpusScore; byForm: Map<string, CorpusScore>; byLang: Map<string, CorpusScore> } {
  const find = (text: string): ReturnType<typeof findPii> => findPii(text);
  const group = (key: (e: EvalRecord) => string): Map<string, CorpusScore> => {
    const parts = new Map<string, EvalRecord[]>();
    for (const entry of records) parts.set(key(entry), [...(parts.get(key(entry)) ?? []), entry]);
    return new Map([...parts].sort().map(([k, v]) => [k, scoreCorpus(v, find)]));
  };
  return { all: scoreCorpus(records, find), byForm: group((e) => e.form), byLang: group((e) => e.lang) };
}

const ratio = (found: number, total: number): string => (total === 0 ? "—" : (found / total).toFixed(3));

function table(title: string, rows: ReadonlyArray<readonly [string, CorpusScore]>): string {
  const lines = [`| ${title} | spans | recall | negatives | kept |`, "|---|---:|---:|---:|---:|"];
  for (const [name, s] of rows) lines.push(`| ${name} | ${s.overall.total} | ${ratio(s.overall.found, s.overall.total)} | ${s.negatives.total} | ${ratio(s.negatives.found, s.negatives.total)} |`);
  return lines.join("\n");
}

export function report(part: Part): string {
  const records = loadEval(part);
  const { all, byForm, byLang } = scoreEval(records);
  const types = ["| type | spans | found | recall |", "|---|---:|---:|---:|"];
  for (const [type, s] of [...all.recall].sort()) types.push(`| ${type} | ${s.total} | ${s.found} | ${ratio(s.found, s.total)} |`);
  types.push(`| **all** | **${all.overall.total}** | **${all.overall.found}** | **${ratio(all.overall.found, all.overall.total)}** |`);
  types.push(`| hard negatives kept | ${all.negatives.total} | ${all.negatives.found} | ${ratio(all.negatives.found, all.negatives.total)} |`);
  return [`${part}: ${records.length} records`, types.join("\n"), table("form", [...byForm]), table("language", [...byLang])].join("\n\n");
}

/** One table per grouping with dev and hold-out side by side: what docs/redaction.md quotes. */
export function sideBySide(): string {
  const dev = scoreEval(loadEval("dev"));
  const hold = scoreEval(loadEval("holdout"));
  const cell = (s: CorpusScore | undefined): string => (s === undefined ? "— | —" : `${s.overall.total} | ${ratio(s.overall.found, s.overall.total)}`);
  const typeCell = (s: { found: number; total: number } | undefined): string => (s === undefined ? "— | —" : `${s.total} | ${ratio(s.found, s.total)}`);
  const out = ["| type | dev spans | dev recall | hold-out spans | hold-out recall |", "|---|---:|---:|---:|---:|"];
  for (const type of [...hold.all.recall.keys()].sort()) out.push(`| ${type} | ${typeCell(dev.all.recall.get(type))} | ${typeCell(hold.all.recall.get(type))} |`);
  out.push(`| **all** | ${cell(dev.all)} | ${cell(hold.all)} |`);
  out.push(`| hard negatives kept | ${typeCell(dev.all.negatives)} | ${typeCell(hold.all.negatives)} |`);
  for (const [title, d, h] of [["form", dev.byForm, hold.byForm], ["language", dev.byLang, hold.byLang]] as const) {
    out.push("", `| ${title} | dev spans | dev recall | dev kept | hold-out spans | hold-out recall | hold-out kept |`, "|---|---:|---:|---:|---:|---:|---:|");
    for (const [key, hs] of h) {
      const ds = d.get(key);
      const kept = (s: CorpusScore | undefined): string => (s === undefined ? "—" : ratio(s.negatives.found, s.negatives.total));
      out.push(`| ${key} | ${cell(ds)} | ${kept(ds)} | ${cell(hs)} | ${kept(hs)} |`);
    }
  }
  return out.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "both") {
    console.log(sideBySide());
    process.exit(0);
  }
  const part: Part = process.argv[2] === "holdout" ? "holdout" : "dev";
  console.log(report(part));
  if (process.argv.includes("--misses")) for (const p of scoreEval(loadEval(part)).all.problems) console.log(p);
}
