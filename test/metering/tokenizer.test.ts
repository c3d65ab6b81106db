import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { countChatTokens, countTokens, EXACT_CHARS, MAX_PIECE } from "../../src/metering/tokenizer.js";

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const corpus = readFileSync(require.resolve("gpt-tokenizer/data/TestPlans.txt"), "utf8");
const samples = [
  ...corpus.split("\n"),
  "héllo wörld — 你好，世界 🙂🚀 ñ ß ø",
  "\u0000\u0001 tabs\tand\r\nnewlines   spaces",
  "def f(x):\n    return {'a': [1, 2, 3]}  # code",
  "😀".repeat(40),
  "lone \ud800 surrogates \udc00x \ud83d",
  "Ünïcödé ĀāĂă ЖжЗз עברית العربية हिन्दी ไทย 한국어 日本語のテキスト",
  "numbers 1234567890 3.14159 -42 1e10 0xFFaa 2026-12-02T11:24:27Z",
  "mixedCASEWords camelCaseIdentifier SCREAMING_SNAKE kebab-case-words don't we'll I'M",
  "   leading and trailing   \n\n\t  ",
  // A run of 2,000 characters without a space, made of short pieces: counted exactly.
  "https://example.com/" + "path/segment-".repeat(150),
  Array.from({ length: 600 }, (_, i) => String.fromCharCode(0x20 + ((i * 7919) % 0x2fe0)) + (i % 50 === 49 ? " " : "")).join(""),
];

for (const [model, encoding] of [
  ["gpt-35-turbo", "cl100k_base"],
  ["gpt-4o", "o200k_base"],
] as const) {
  test(`${model}: counts exactly as gpt-tokenizer's own ${encoding} encoding`, () => {
    const reference = require(`gpt-tokenizer/cjs/encoding/${encoding}`) as { countTokens(text: string): number };
    const differing = samples.filter((s) => countTokens(s, model) !== reference.countTokens(s));
    assert.deepEqual(differing, []);
    const head = corpus.slice(0, EXACT_CHARS);
    assert.equal(countTokens(head, model), reference.countTokens(head));
    assert.ok(countTokens(head, model) > 3_000);
  });

  test(`${model}: a text longer than the exact budget is counted at its measured rate, within 3 %`, () => {
    const reference = require(`gpt-tokenizer/cjs/encoding/${encoding}`) as { countTokens(text: string): number };
    assert.ok(corpus.length > 4 * EXACT_CHARS);
    const exact = reference.countTokens(corpus);
    const counted = countTokens(corpus, model);
    assert.ok(Math.abs(counted - exact) / exact < 0.03, `${counted} against ${exact}`);
    // Across a chat prompt's messages the budget is shared, and the count stays as close.
    const lines = corpus.split("\n").filter((l) => l !== "");
    const messages = lines.map((content) => ({ role: "user", content }));
    const framed = 3 + 3 * messages.length;
    const chat = countChatTokens(messages, model) - framed;
    const exactChat = lines.reduce((sum, l) => sum + reference.countTokens(l), 0);
    assert.ok(Math.abs(chat - exactChat) / exactChat < 0.03, `${chat} against ${exactChat}`);
  });
}

// Each of these took from seconds to hours as one byte-pair piece, blocking the event loop (and a
// test's own timer), so they run in a child process that is stopped if it takes as long.
test("long runs of one kind of character are counted in slices, and a 10 MB prompt in bounded time", () => {
  // "x" merges in eights: slices of MAX_PIECE (a multiple of eight) count exactly as one piece would.
  assert.equal(MAX_PIECE % 8, 0);
  const script = `
    import { countChatTokens, countTokens } from "./src/metering/tokenizer.ts";
    const messages = Array.from({ length: 200 }, (_, i) => ({ role: "user", content: String(i).repeat(50_000) }));
    console.log(JSON.stringify([
      countTokens("x".repeat(200_000), "gpt-35-turbo"),
      countTokens("x".repeat(10_000_000), "gpt-35-turbo"),
      countTokens("日本語中文字漢".repeat(150_000), "gpt-4o"),
      countTokens(" ".repeat(1_000_000), "gpt-35-turbo"),
      countTokens("🙂".repeat(100_000), "gpt-35-turbo"),
      countChatTokens(messages, "gpt-35-turbo"),
    ]));`;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  assert.equal(run.error, undefined, "the counts finished");
  assert.equal(run.status, 0, run.stderr);
  const [run200k, run10m, cjk, spaces, emoji, chat] = JSON.parse(run.stdout) as number[];
  assert.equal(run200k, 25_000);
  assert.equal(run10m, 1_250_000);
  assert.ok((cjk ?? 0) > 100_000);
  assert.ok((spaces ?? 0) >= 1_000_000 / MAX_PIECE);
  assert.ok((emoji ?? 0) >= 100_000);
  assert.ok((chat ?? 0) > 200 * 3);
});

test("special-token text in a prompt is counted as the plain text it is", () => {
  const reference = require("gpt-tokenizer/cjs/encoding/cl100k_base") as { encode(text: string, options: { disallowedSpecial: Set<string> }): number[] };
  for (const text of ["<|endoftext|>", "a <|im_start|>system<|im_end|> b", "<|fim_prefix|><|endofprompt|>"]) {
    const asText = reference.encode(text, { disallowedSpecial: new Set() }).length;
    assert.ok(asText > 1);
    assert.equal(countTokens(text, "gpt-35-turbo"), asText, text);
  }
  assert.ok(countChatTokens([{ role: "user", content: "<|endoftext|>" }], "gpt-4o") > 7);
});

test("a byte-order mark counts as the one token its bytes are", () => {
  // gpt-tokenizer counts 2: its table keys tokens by decoded string, and decoding drops a BOM.
  assert.equal(countTokens("\ufeff", "gpt-35-turbo"), 1);
  assert.equal(countTokens("\ufeff", "gpt-4o"), 1);
});

test("the words outside the vocabulary that the encoding remembers are bounded", () => {
  // 40,000 distinct random words each go through the byte-pair merge; gpt-tokenizer's cache kept
  // every one (11 MiB here, ~150 MiB at its limit of 100,000 with long words).
  const script = `
    import { countTokens } from "./src/metering/tokenizer.ts";
    import { randomBytes } from "node:crypto";
    countTokens("warm up", "gpt-35-turbo");
    const word = () => Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join("");
    globalThis.gc(); const before = process.memoryUsage().heapUsed;
    for (let p = 0; p < 400; p++) countTokens(Array.from({ length: 100 }, word).join(" "), "gpt-35-turbo");
    globalThis.gc(); console.log(process.memoryUsage().heapUsed - before);`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  assert.equal(run.status, 0, run.stderr);
  const grown = Number(run.stdout.trim());
  assert.ok(grown < 2 * 1024 * 1024, `heap grew by ${grown} bytes`);
});

test("a conversation counted again, turn after turn, counts the same as each message counted afresh", () => {
  const history = corpus.split("\n").filter((line) => line.length >= 128).slice(0, 40);
  assert.ok(history.length >= 10);
  const messages = history.map((content, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content }));
  for (const model of ["gpt-35-turbo", "gpt-4o"]) {
    // Framing: 3 tokens per message and 3 for the reply; the texts as countTokens counts them (never remembered).
    const fresh = (turns: number) => 3 + messages.slice(0, turns).reduce((sum, m) => sum + 3 + countTokens(m.content, model), 0);
    for (let turn = 1; turn <= messages.length; turn++) assert.equal(countChatTokens(messages.slice(0, turn), model), fresh(turn), `${model}, turn ${turn}`);
    // The same text with a lone surrogate and with U+FFFD in its place: hashed alike, counted apart.
    for (const tail of ["\ud800", "\ufffd", "\ud800"]) {
      const content = `${history[0] as string} ${tail}`;
      assert.equal(countChatTokens([{ role: "user", content }], model), 6 + countTokens(content, model));
    }
  }
});

test("the prompt texts whose counts are remembered are bounded", () => {
  // 40,000 distinct messages of 200 characters: only digests are kept, and at most 8,192 of them
  // (kept without a bound, they grew the heap by ~4.8 MiB).
  const script = `
    import { countChatTokens } from "./src/metering/tokenizer.ts";
    import { randomBytes } from "node:crypto";
    countChatTokens([{ role: "user", content: "warm up" }], "gpt-35-turbo");
    const text = () => randomBytes(150).toString("base64");
    globalThis.gc(); const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 40000; i++) countChatTokens([{ role: "user", content: text() }], "gpt-35-turbo");
    globalThis.gc(); console.log(process.memoryUsage().heapUsed - before);`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  assert.equal(run.status, 0, run.stderr);
  const grown = Number(run.stdout.trim());
  assert.ok(grown < 2 * 1024 * 1024, `heap grew by ${grown} bytes`);
});
