/**
 * Writes test/redaction/corpus.jsonl: a labelled, reproducible corpus for the redaction engine.
 * Run: node --import tsx test/redaction/make-corpus.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CODE_TEMPLATES } from "./corpus/templates-code.js";
import { EUROPE_TEMPLATES } from "./corpus/templates-europe.js";
import { SUPPORT_TEMPLATES } from "./corpus/templates-support.js";
import { TRICKY_TEMPLATES } from "./corpus/templates-tricky.js";
import { Random } from "./corpus/random.js";
import { type CorpusRecord, type Template, record } from "./corpus/record.js";

const SEED = 20_240_601;
const RECORDS = 480;
const TEMPLATES: readonly Template[] = [...SUPPORT_TEMPLATES, ...CODE_TEMPLATES, ...EUROPE_TEMPLATES, ...TRICKY_TEMPLATES];

export function makeCorpus(seed = SEED, count = RECORDS): CorpusRecord[] {
  const r = new Random(seed);
  const out: CorpusRecord[] = [];
  for (let i = 0; i < count; i++) {
    // Every template in turn, so each appears about equally often with different values.
    const template = TEMPLATES[i % TEMPLATES.length];
    if (template === undefined) continue;
    const parts = [...template(r)];
    // A third of the records are longer conversations stitched from two snippets.
    if (r.chance(0.33)) parts.push("\n\n", ...r.pick(TEMPLATES)(r));
    out.push(record(parts));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = fileURLToPath(new URL("./corpus.jsonl", import.meta.url));
  const lines = makeCorpus().map((entry) => JSON.stringify(entry));
  writeFileSync(target, `${lines.join("\n")}\n`);
  console.log(`wrote ${lines.length} records to ${target}`);
}
