import type { PiiType } from "../../../src/redaction/finding.js";
import type { Random } from "./random.js";

export interface Span {
  readonly type: PiiType;
  readonly value: string;
}

/** One corpus line: the text, what must be redacted, and look-alikes that must be kept. */
export interface CorpusRecord {
  readonly text: string;
  readonly spans: readonly Span[];
  readonly negatives: readonly string[];
}

interface Tagged {
  readonly value: string;
  readonly type?: PiiType;
}

export type Part = string | Tagged;
export type Template = (r: Random) => readonly Part[];

/** A sensitive value of `type`. */
export function pii(type: PiiType, value: string): Part {
  return { type, value };
}

/** A look-alike that must survive redaction. */
export function keep(value: string): Part {
  return { value };
}

export function record(parts: readonly Part[]): CorpusRecord {
  let text = "";
  const spans: Span[] = [];
  const negatives: string[] = [];
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    text += part.value;
    if (part.type === undefined) negatives.push(part.value);
    else spans.push({ type: part.type, value: part.value });
  }
  return { text, spans, negatives };
}
