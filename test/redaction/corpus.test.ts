import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findPii } from "../../src/redaction/find-pii.js";
import { makeCorpus } from "./make-corpus.js";
import { loadCorpus, scoreCorpus } from "./score-corpus.js";

const MIN_RECALL = 0.98;
const MIN_NEGATIVES_KEPT = 0.97;

describe("labelled corpus", () => {
  const corpus = loadCorpus();

  it("is the committed output of make-corpus.ts", () => {
    assert.ok(corpus.length >= 300, `only ${corpus.length} records`);
    assert.deepEqual(makeCorpus(), corpus, "run: node --import tsx test/redaction/make-corpus.ts");
  });

  it("is redacted with recall ≥ 0.98 per type and keeps ≥ 0.97 of the hard negatives", (t) => {
    const score = scoreCorpus(corpus, (text) => findPii(text));
    const rate = (found: number, total: number): string => `${found}/${total} = ${(found / total).toFixed(3)}`;
    for (const [type, { found, total }] of [...score.recall].sort()) t.diagnostic(`recall ${type}: ${rate(found, total)}`);
    t.diagnostic(`recall overall: ${rate(score.overall.found, score.overall.total)}`);
    t.diagnostic(`negatives kept: ${rate(score.negatives.found, score.negatives.total)}`);
    for (const problem of score.problems.slice(0, 20)) t.diagnostic(problem);

    assert.ok(score.overall.found / score.overall.total >= MIN_RECALL, "overall recall");
    for (const [type, { found, total }] of score.recall) {
      assert.ok(found / total >= MIN_RECALL, `recall for ${type}: ${rate(found, total)}`);
    }
    assert.ok(score.negatives.found / score.negatives.total >= MIN_NEGATIVES_KEPT, "negatives kept");
  });

  it("does as well on the hand-written hold-out snippets", (t) => {
    const score = scoreCorpus(loadCorpus("holdout.jsonl"), (text) => findPii(text));
    t.diagnostic(`hold-out recall: ${score.overall.found}/${score.overall.total}, negatives kept: ${score.negatives.found}/${score.negatives.total}`);
    for (const problem of score.problems) t.diagnostic(problem);
    assert.ok(score.overall.found / score.overall.total >= 0.9, "hold-out recall");
    assert.ok(score.negatives.found / score.negatives.total >= MIN_NEGATIVES_KEPT, "hold-out negatives kept");
  });

  it("leaves no labelled value in the typed output", () => {
    for (const { text, spans } of corpus.slice(0, 100)) {
      const redacted = findPii(text).reduceRight((out, f) => out.slice(0, f.start) + `<${f.type}>` + out.slice(f.end), text);
      for (const { value } of spans) assert.ok(!redacted.includes(value), `${value} survived in ${redacted}`);
    }
  });
});
