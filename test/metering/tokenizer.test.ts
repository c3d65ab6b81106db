import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { countTokens } from "../../src/metering/tokenizer.js";

const require = createRequire(import.meta.url);
const corpus = readFileSync(require.resolve("gpt-tokenizer/data/TestPlans.txt"), "utf8");
const samples = [
  ...corpus.split("\n"),
  "héllo wörld — 你好，世界 🙂🚀 ñ ß ø",
  "\u0000\u0001 tabs\tand\r\nnewlines   spaces",
  "def f(x):\n    return {'a': [1, 2, 3]}  # code",
  "😀".repeat(40),
];

for (const [model, encoding] of [
  ["gpt-35-turbo", "cl100k_base"],
  ["gpt-4o", "o200k_base"],
] as const) {
  test(`${model}: the rank table read from ${encoding}.tiktoken counts exactly as the package's own module`, () => {
    const reference = require(`gpt-tokenizer/cjs/encoding/${encoding}`) as { countTokens(text: string): number };
    const differing = samples.filter((s) => countTokens(s, model) !== reference.countTokens(s));
    assert.deepEqual(differing, []);
    assert.equal(countTokens(corpus, model), reference.countTokens(corpus));
    assert.ok(countTokens(corpus, model) > 10_000);
  });
}
