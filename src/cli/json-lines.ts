import { once } from "node:events";
import { StringDecoder } from "node:string_decoder";

export interface JsonLinesSummary {
  lines: number;
  errors: number;
}

/** One output line (with its newline) for one input line, and whether it was an error line. */
export type LineHandler = (line: string, lineNumber: number) => { out: string; ok: boolean };

/**
 * Maps JSON Lines from `input` to `output`, one output line per input line, in order, in constant
 * memory: input is read chunk by chunk, only the current line is held (longer than `maxLineChars`:
 * `tooLong` answers for it), and output goes out in batches that wait for `drain`.
 */
export async function mapJsonLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  handle: LineHandler,
  tooLong: (lineNumber: number) => string,
  maxLineChars = 16 * 1024 * 1024,
): Promise<JsonLinesSummary> {
  const decoder = new StringDecoder("utf8");
  const summary: JsonLinesSummary = { lines: 0, errors: 0 };
  let carry = "";
  let oversized = false;
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending.join("");
    pending = [];
    pendingChars = 0;
    if (!output.write(batch)) await once(output, "drain");
  };
  const finishLine = async (raw: string): Promise<void> => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    summary.lines++;
    let result: { out: string; ok: boolean };
    if (oversized || line.length > maxLineChars) {
      oversized = false;
      result = { out: tooLong(summary.lines), ok: false };
    } else {
      result = handle(line, summary.lines);
    }
    if (!result.ok) summary.errors++;
    pending.push(result.out);
    pendingChars += result.out.length;
    if (pendingChars >= 65_536) await flush();
  };
  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    let from = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", from)) {
      const line = carry + text.slice(from, newline);
      carry = "";
      from = newline + 1;
      await finishLine(line);
    }
    await flush();
    if (!oversized) carry += text.slice(from);
    if (carry.length > maxLineChars) {
      oversized = true;
      carry = "";
    }
  }
  carry += decoder.end();
  if (carry !== "" || oversized) await finishLine(carry);
  await flush();
  return summary;
}

export type Id = string | number | null;

// Only used to keep the id of a line that is not valid JSON, e.g. one cut off mid-text.
const LOOSE_ID = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

/** A bad line's answer: `{"id":…,"error":{"message","code":"invalid_request"}}`. */
export function errorLine(id: Id, message: string): string {
  return `${JSON.stringify({ id, error: { message, code: "invalid_request" } })}\n`;
}

function looseId(line: string): Id {
  const token = LOOSE_ID.exec(line)?.[1];
  if (token === undefined) return null;
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === "string" || typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}

/** A `{"id","text"}` line read, or the error line that answers it. */
export function readRecordLine(line: string, lineNumber: number): { id: Id; text: string } | { out: string; ok: false } {
  if (line.trim() === "") return { out: errorLine(null, `line ${lineNumber} is empty`), ok: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { out: errorLine(looseId(line), `line ${lineNumber} is not valid JSON`), ok: false };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { out: errorLine(null, `line ${lineNumber} must be a JSON object with "id" and "text"`), ok: false };
  }
  const record = parsed as Record<string, unknown>;
  const rawId = record["id"];
  const id: Id = typeof rawId === "string" || typeof rawId === "number" ? rawId : null;
  const text = record["text"];
  if (typeof text !== "string") return { out: errorLine(id, `line ${lineNumber}: "text" must be a string`), ok: false };
  return { id, text };
}
