/**
 * Writes test/redaction/eval/dev.jsonl and holdout.jsonl: an evaluation corpus written apart
 * from the recognisers (other templates, names and formats than ../make-corpus.ts), in eight
 * languages and eleven forms of text. A fixed seed splits it 40 % dev (recognisers may be tuned
 * on it) and 60 % hold-out (never looked at while tuning; see docs/redaction.md).
 * Run: node --import tsx test/redaction/eval/make-eval-corpus.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Random } from "../corpus/random.js";
import { type CorpusRecord, type Part, record } from "../corpus/record.js";
import { delimited, formDump, jsonPayload, logLines, markdownTable } from "./forms-data.js";
import { taxForm, travelBooking } from "./forms-docs.js";
import { chat, supportEmail, ticket } from "./forms-text.js";
import { type Lang, LANGS } from "./lang.js";

const SEED = 29_2026;
const SPLIT_SEED = 4_060;
const RECORDS = 1_320;
const DEV_SHARE = 0.4;

export interface EvalRecord extends CorpusRecord {
  readonly id: string;
  readonly form: string;
  readonly lang: Lang;
}

const FORMS: ReadonlyArray<readonly [string, (r: Random, lang: Lang) => Part[]]> = [
  ["email", supportEmail],
  ["chat", chat],
  ["json", jsonPayload],
  ["markdown", markdownTable],
  ["csv", (r, lang) => delimited(r, lang, ",")],
  ["tsv", (r, lang) => delimited(r, lang, "\t")],
  ["form", formDump],
  ["log", logLines],
  ["ticket", ticket],
  ["tax", taxForm],
  ["travel", travelBooking],
];

export function makeEvalCorpus(): { dev: EvalRecord[]; holdout: EvalRecord[] } {
  const r = new Random(SEED);
  const all: EvalRecord[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const [form, make] = FORMS[i % FORMS.length] ?? FORMS[0] ?? ["", () => []];
    const lang = LANGS[Math.floor(i / FORMS.length) % LANGS.length] ?? "en";
    all.push({ id: `ev-${String(i + 1).padStart(4, "0")}`, form, lang, ...record(make(r, lang)) });
  }
  const split = new Random(SPLIT_SEED);
  const dev: EvalRecord[] = [];
  const holdout: EvalRecord[] = [];
  for (const entry of all) (split.next() < DEV_SHARE ? dev : holdout).push(entry);
  return { dev, holdout };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { dev, holdout } = makeEvalCorpus();
  for (const [name, part] of [["dev", dev], ["holdout", holdout]] as const) {
    const target = fileURLToPath(new URL(`./${name}.jsonl`, import.meta.url));
    writeFileSync(target, `${part.map((entry) => JSON.stringify(entry)).join("\n")}\n`);
    console.log(`wrote ${part.length} records to ${target}`);
  }
}
