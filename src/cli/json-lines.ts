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
