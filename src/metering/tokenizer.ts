import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Remembered, REMEMBERED_TEXTS, textDigest } from "../core/remembered.js";
import { BytePairCounter, cutAt } from "./byte-pair-counter.js";
import { RankTable } from "./rank-table.js";

type EncodingName = "cl100k_base" | "o200k_base";

/** What Atrium takes from gpt-tokenizer: the encodings' rank tables and split patterns. */
interface SplitPatterns {
  CL100K_TOKEN_SPLIT_REGEX: RegExp;
  O200K_TOKEN_SPLIT_REGEX: RegExp;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, BytePairCounter>();

/**
 * Loads an encoding on first use: each one holds a rank table in memory (cl100k 2.0 MiB, o200k
 * 4.1 MiB), so a gateway that only serves GPT-3.5/4 models never pays for o200k, and a
 * `validate` never loads one. The tables come from gpt-tokenizer's `.tiktoken` files and the
 * split patterns from its encoding parameters; counting is `BytePairCounter`'s, which keeps the
 * ranks in typed arrays (gpt-tokenizer's own string `Map` held ~7.6 MiB for cl100k, and its
 * cache of merged words grew to 100,000 entries) and answers the same counts (a test compares
 * them).
 */
function load(name: EncodingName): BytePairCounter {
  let counter = loaded.get(name);
  if (!counter) {
    const patterns = require("gpt-tokenizer/cjs/encodingParams/constants") as SplitPatterns;
    const split = name === "o200k_base" ? patterns.O200K_TOKEN_SPLIT_REGEX : patterns.CL100K_TOKEN_SPLIT_REGEX;
    const ranks = readFileSync(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`), "latin1");
    counter = new BytePairCounter(RankTable.fromTiktoken(ranks), split);
    loaded.set(name, counter);
  }
  return counter;
}

/** The encoding a model family uses; unknown models count with cl100k, the GPT-3.5/4 default. */
export function encodingFor(model: string): BytePairCounter {
  return load(/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/i.test(model) ? "o200k_base" : "cl100k_base");
}

/** Loads the encodings these models use now, so no request waits for a rank table to load. */
export function preloadEncodings(models: Iterable<string>): void {
  for (const model of models) encodingFor(model);
}

/**
 * Characters counted exactly per call (per request's prompt, across its messages). Beyond them
 * the rest is counted at the tokens per character seen so far: byte-pair merging costs up to
 * ~1.3 µs per character (CJK) and runs on the event loop, so a 10 MB prompt must
 * not cost seconds. Admission reconciles with the provider's usage; the tokenizer is the meter
 * only when a provider reports none.
 */
export const EXACT_CHARS = 16_384;
export { MAX_PIECE } from "./byte-pair-counter.js";

const remembered = new Map<BytePairCounter, Remembered<number>>();

/**
 * A prompt text's exact count, remembered by its SHA-256 (the text itself is not kept). A
 * conversation sends its whole history again every turn, and an assistant its system prompt
 * with every call: an 8 KiB message costs ~5 µs to hash against ~130 µs to count.
 */
function rememberedCount(encoding: BytePairCounter, text: string): number {
  const key = textDigest(text);
  if (key === undefined) return encoding.count(text);
  let counts = remembered.get(encoding);
  if (!counts) remembered.set(encoding, (counts = new Remembered(REMEMBERED_TEXTS)));
  let tokens = counts.get(key);
  if (tokens === undefined) counts.set(key, (tokens = encoding.count(text)));
  return tokens;
}

/** Counts several texts of one request within one budget of exact characters. */
class TokenCounter {
  private left = EXACT_CHARS;
  private chars = 0;
  private tokens = 0;

  /** `remember`: a prompt's texts, which come again; a completion's are counted once. */
  constructor(
    private readonly encoding: BytePairCounter,
    private readonly remember = false,
  ) {}

  count(text: string): number {
    if (text.length === 0) return 0;
    const head = text.length <= this.left ? text : text.slice(0, cutAt(text, this.left));
    const exact = head.length === 0 ? 0 : this.remember ? rememberedCount(this.encoding, head) : this.encoding.count(head);
    this.left = Math.max(0, this.left - head.length);
    this.chars += head.length;
    this.tokens += exact;
    if (head.length === text.length) return exact;
    // Four characters per token when nothing was counted yet: the usual rate for English.
    const rate = this.chars > 0 ? this.tokens / this.chars : 0.25;
    return exact + Math.ceil((text.length - head.length) * rate);
  }
}

export function countTokens(text: string, model: string): number {
  return text.length === 0 ? 0 : new TokenCounter(encodingFor(model)).count(text);
}

/**
 * Prompt tokens of a chat request the way OpenAI bills them: every message costs its content plus
 * a fixed frame (3 tokens, plus 1 for a name) and the reply is primed with 3 more.
 */
export function countChatTokens(messages: readonly unknown[], model: string): number {
  const counter = new TokenCounter(encodingFor(model), true);
  let total = 3;
  for (const m of messages) {
    total += 3;
    if (typeof m !== "object" || m === null) continue;
    const msg = m as Record<string, unknown>;
    total += counter.count(contentText(msg["content"]));
    if (typeof msg["name"] === "string") total += 1 + counter.count(msg["name"]);
    if (msg["tool_calls"] !== undefined) total += counter.count(JSON.stringify(msg["tool_calls"]));
  }
  return total;
}

/** The text of a message's content: a string, or the text parts of a content array. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let out = "";
  for (const part of content) {
    if (typeof part === "object" && part !== null) {
      const text = (part as Record<string, unknown>)["text"];
      if (typeof text === "string") out += text;
    }
  }
  return out;
}
