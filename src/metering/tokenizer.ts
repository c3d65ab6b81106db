import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The slice of gpt-tokenizer's encoding API Atrium uses. */
interface Encoding {
  countTokens(text: string): number;
}

type EncodingName = "cl100k_base" | "o200k_base";

interface GptEncodingClass {
  getEncodingApi(name: EncodingName, ranks: () => readonly (string | readonly number[])[]): Encoding;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Encoding>();

/**
 * Loads an encoding on first use: each one holds a large rank table in memory, so a gateway that
 * only serves GPT-3.5/4 models never pays for o200k, and a `validate` never loads one.
 */
function load(name: EncodingName): Encoding {
  let encoding = loaded.get(name);
  if (!encoding) {
    const { GptEncoding } = require("gpt-tokenizer/cjs/GptEncoding") as { GptEncoding: GptEncodingClass };
    encoding = GptEncoding.getEncodingApi(name, () => readRanks(name));
    loaded.set(name, encoding);
  }
  return encoding;
}

/**
 * The rank table from the package's `.tiktoken` file (`<base64 bytes> <rank>` per line) rather
 * than its generated JavaScript module: compiling that module's array literals took ~7 MiB more
 * memory for good, the same table and the same counts. A token that is not UTF-8 stays bytes.
 */
function readRanks(name: EncodingName): (string | number[])[] {
  const text = readFileSync(require.resolve(`gpt-tokenizer/data/${name}.tiktoken`), "latin1");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const ranks: (string | number[])[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const space = text.indexOf(" ", start);
    if (space > start && space < end) {
      const bytes = Buffer.from(text.slice(start, space), "base64");
      let token: string | number[];
      try {
        token = utf8.decode(bytes);
      } catch {
        token = Array.from(bytes);
      }
      ranks[Number(text.slice(space + 1, end))] = token;
    }
    start = end + 1;
  }
  return ranks;
}

/** The encoding a model family uses; unknown models count with cl100k, the GPT-3.5/4 default. */
export function encodingFor(model: string): Encoding {
  return load(/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4|chatgpt-4o)/i.test(model) ? "o200k_base" : "cl100k_base");
}

/** Loads the encodings these models use now, so no request waits for a rank table to load. */
export function preloadEncodings(models: Iterable<string>): void {
  for (const model of models) encodingFor(model);
}

export function countTokens(text: string, model: string): number {
  return text.length === 0 ? 0 : encodingFor(model).countTokens(text);
}

/**
 * Prompt tokens of a chat request the way OpenAI bills them: every message costs its content plus
 * a fixed frame (3 tokens, plus 1 for a name) and the reply is primed with 3 more.
 */
export function countChatTokens(messages: readonly unknown[], model: string): number {
  let total = 3;
  for (const m of messages) {
    total += 3;
    if (typeof m !== "object" || m === null) continue;
    const msg = m as Record<string, unknown>;
    total += countTokens(contentText(msg["content"]), model);
    if (typeof msg["name"] === "string") total += 1 + countTokens(msg["name"], model);
    if (msg["tool_calls"] !== undefined) total += countTokens(JSON.stringify(msg["tool_calls"]), model);
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
