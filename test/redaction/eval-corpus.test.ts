import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { makeEvalCorpus } from "./eval/make-eval-corpus.js";
import { loadEval } from "./eval/score-eval.js";

describe("evaluation corpus", () => {
  it("is the committed output of eval/make-eval-corpus.ts, split into dev and hold-out", () => {
    const { dev, holdout } = makeEvalCorpus();
    assert.ok(dev.length + holdout.length >= 1000);
    assert.deepEqual(loadEval("dev"), dev, "run: node --import tsx test/redaction/eval/make-eval-corpus.ts");
    assert.deepEqual(loadEval("holdout"), holdout, "run: node --import tsx test/redaction/eval/make-eval-corpus.ts");
    const ids = new Set(dev.map((entry) => entry.id));
    assert.ok(holdout.every((entry) => !ids.has(entry.id)), "a record in both parts");
  });
});
