import { isObject } from "../core/json.js";
import { usageFromOpenAI, type Usage } from "../core/usage.js";

/** How far from the end `"usage"` is looked for: OpenAI's usage object takes under 100 bytes. */
const WINDOW = 512;

/**
 * The `usage` of a JSON object body read from its last bytes alone, the rest left unparsed. An
 * embeddings reply is mostly numbers: parsing 1536 of them costs ~150 µs, a batch of 16 ~2.4 ms
 * with the event loop blocked, all for one small object at the end. Found only when `usage` is
 * the body's last member, as OpenAI, Azure OpenAI, vLLM and Ollama send it; undefined otherwise,
 * and the caller parses the whole body.
 *
 * Why a match is the top-level `usage` member: `"usage"` right after a `{` or `,` and before a
 * `:` opens with a quote no backslash escapes, so it is the key `usage` itself, not the inside of
 * a string. Its value is read up to the body's closing brace: had the key belonged to a nested
 * object, that text would end with the nested object's own closing brackets and fail to parse.
 */
export function tailUsage(body: Buffer): Usage | undefined {
  let end = body.length;
  while (end > 0 && isSpace(body[end - 1] as number)) end--;
  let start = 0;
  while (start < end && isSpace(body[start] as number)) start++;
  if (end - start < 2 || body[start] !== 0x7b || body[end - 1] !== 0x7d) return undefined;
  const tail = body.toString("utf8", Math.max(start, end - 1 - WINDOW), end - 1);
  const key = tail.lastIndexOf('"usage"');
  if (key < 0) return undefined;
  let before = key - 1;
  while (before >= 0 && isSpace(tail.charCodeAt(before))) before--;
  const opener = tail.charCodeAt(before);
  if (opener !== 0x2c && opener !== 0x7b) return undefined;
  let colon = key + 7;
  while (colon < tail.length && isSpace(tail.charCodeAt(colon))) colon++;
  if (tail.charCodeAt(colon) !== 0x3a) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(tail.slice(colon + 1));
  } catch {
    return undefined;
  }
  return isObject(value) ? usageFromOpenAI(value) : undefined;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
