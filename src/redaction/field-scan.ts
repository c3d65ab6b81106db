import { isKeepLabel, labelType } from "./field-labels.js";
import { valueFits } from "./field-values.js";
import type { Finding } from "./finding.js";

/**
 * Values whose key, label or column header says what they hold: JSON `"cpf": "…"`, log
 * `phone=…`, form lines `Data urodzenia: …`, and the cells of markdown, CSV and TSV tables under
 * a "Telefone" or "Nachname" header. Each value is checked against the shape of its type
 * (field-values.ts) before it counts. One pass over the text, shared by the field recognisers.
 */
export interface Fields {
  /** Values of a personal type, checked against its shape. */
  readonly found: Finding[];
  /** Values labelled as versions, SKUs, order numbers, hashes, prices…: nothing inside is redacted. */
  readonly keep: Array<readonly [number, number]>;
}

export function scanFields(text: string): Fields {
  const out: Fields = { found: [], keep: [] };
  scanJson(text, out);
  scanKeyValues(text, out);
  scanLines(text, out);
  return out;
}

function push(out: Fields, label: string | undefined, text: string, start: number, end: number): void {
  if (label === undefined) return;
  const type = labelType(label);
  while (end > start && " \t,;.".includes(text[end - 1] ?? "")) end--;
  while (start < end && " \t".includes(text[start] ?? "")) start++;
  if (end <= start) return;
  if (type === undefined) {
    if (isKeepLabel(label)) out.keep.push([start, end]);
    return;
  }
  if (type !== "IBAN" && valueFits(type, text.slice(start, end))) out.found.push({ type, start, end });
}

const JSON_PAIR = /"([^"\n]{1,48})"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.){1,200})"/g;

function scanJson(text: string, out: Fields): void {
  if (!text.includes('":')) return;
  JSON_PAIR.lastIndex = 0;
  for (let m = JSON_PAIR.exec(text); m !== null; m = JSON_PAIR.exec(text)) {
    const value = m[2] ?? "";
    const end = m.index + m[0].length - 1;
    push(out, m[1], text, end - value.length, end);
  }
}

const KEY_CHAR = /[\w.-]/;
const VALUE_AT = /"([^"\n]{1,200})"|([^\s"&,;]{1,200})/y;

/** `key=value` and `key="value"`: found from each "=" backwards, which costs nothing in prose. */
function scanKeyValues(text: string, out: Fields): void {
  for (let eq = text.indexOf("="); eq !== -1; eq = text.indexOf("=", eq + 1)) {
    let k = eq;
    while (k > 0 && eq - k < 48 && KEY_CHAR.test(text.charAt(k - 1))) k--;
    if (k === eq || !/[A-Za-z_]/.test(text.charAt(k))) continue;
    VALUE_AT.lastIndex = eq + 1;
    const m = VALUE_AT.exec(text);
    if (m === null) continue;
    const value = m[1] ?? m[2] ?? "";
    const start = m[1] === undefined ? eq + 1 : eq + 2;
    push(out, text.slice(k, eq), text, start, start + value.length);
  }
}

// "Label: value", "Label....... value", after an optional "[12:03]"; a line may hold several,
// joined by " · ". The value ends before " <", " — ", " / ", " (" or the next " · ".
const LABELLED = /^[ \t]*(?:\[[^\]\n]{1,12}\][ \t]*)?([^:=\n"{}]{1,48}?)[ \t]*(?::|\.{2,})[ \t]+(.+)$/;
const VALUE_END = / <| — | \/ | \(| · | \| |\t/;

function scanLines(text: string, out: Fields): void {
  let lineStart = 0;
  const lines: Array<readonly [number, string]> = [];
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    lines.push([lineStart, text.slice(lineStart, lineEnd)]);
    lineStart = lineEnd + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const [start, line] = lines[i] ?? [0, ""];
    if (line.startsWith("|")) {
      i = scanMarkdownTable(lines, i, out, text);
      continue;
    }
    // A table's header opens the text or follows a blank line, and is short.
    const opens = i === 0 || (lines[i - 1]?.[1] ?? "").trim() === "";
    const sep = !opens || line.length > 400 ? undefined : line.includes("\t") ? "\t" : line.includes(",") ? "," : undefined;
    if (sep !== undefined && !line.includes(":") && isHeader(splitCells(line, sep).map(([, c]) => c))) {
      i = scanDelimited(lines, i, sep, out, text);
      continue;
    }
    scanSegments(text, start, line, out);
  }
  scanBirthCues(text, out);
}

// Parts of a line that may each hold a "Label: value": " · ", " / " and " — " join them, and a
// label may follow the end of a sentence ("… behoben. Steuer-ID: 12 345 678 901").
const SEGMENT_BREAK = / · | \/ | — /g;
const SENTENCE_END = /[.!?] (?=\p{Lu})/gu;

function scanSegments(text: string, lineStart: number, line: string, out: Fields): void {
  let from = 0;
  SEGMENT_BREAK.lastIndex = 0;
  for (;;) {
    const m = SEGMENT_BREAK.exec(line);
    const to = m === null ? line.length : m.index;
    scanSegment(text, lineStart + from, line.slice(from, to), out);
    if (m === null) break;
    from = m.index + m[0].length;
  }
}

function scanSegment(text: string, segmentStart: number, segment: string, out: Fields): void {
  if (!segment.includes(":") && !segment.includes("..")) return;
  const starts = [0];
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(segment); m !== null; m = SENTENCE_END.exec(segment)) starts.push(m.index + 2);
  for (const at of starts) {
    const part = segment.slice(at);
    const m = LABELLED.exec(part);
    if (m === null) continue;
    const label = m[1] ?? "";
    if (labelType(label) === undefined && !isKeepLabel(label)) continue;
    const value = m[2] ?? "";
    const valueStart = segmentStart + at + part.length - value.length;
    const cut = value.search(VALUE_END);
    push(out, label, text, valueStart, valueStart + (cut === -1 ? value.length : cut));
    return;
  }
}

// Birth dates after a cue without a colon: "born on 12 March 1985", "nascida em 8 de agosto de 1999".
const BIRTH_CUE = /\b(?:born(?: on)?|geb\.|geboren(?: am| op)?|n[ée]e? le|nacid[oa] el|nat[oa] il|nascid[oa] em|ur\.)[ \t]+/gi;
const DATE_AT = /\d{1,4}[-./]\d{1,2}[-./]\d{1,4}|\d{1,2}\.? ?(?:de )?\p{L}{3,12}\.?,? (?:de )?\d{4}|\p{L}{3,12} \d{1,2},? \d{4}/uy;

function scanBirthCues(text: string, out: Fields): void {
  BIRTH_CUE.lastIndex = 0;
  for (let m = BIRTH_CUE.exec(text); m !== null; m = BIRTH_CUE.exec(text)) {
    DATE_AT.lastIndex = m.index + m[0].length;
    const date = DATE_AT.exec(text);
    if (date !== null) out.found.push({ type: "DOB", start: date.index, end: date.index + date[0].length });
  }
}

function isHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && cells.every((c) => c.length <= 48 && !/\d{5}|@/.test(c)) && cells.some((c) => labelType(c.trim()) !== undefined);
}

/** Cells with their offsets in the line; CSV cells may be quoted. */
function splitCells(line: string, sep: string): Array<readonly [number, string]> {
  const cells: Array<readonly [number, string]> = [];
  let i = 0;
  while (i <= line.length) {
    if (sep === "," && line[i] === '"') {
      const close = line.indexOf('"', i + 1);
      if (close !== -1) {
        cells.push([i + 1, line.slice(i + 1, close)]);
        i = line[close + 1] === sep ? close + 2 : close + 1;
        if (close + 1 >= line.length) break;
        continue;
      }
    }
    let next = line.indexOf(sep, i);
    if (next === -1) next = line.length;
    cells.push([i, line.slice(i, next)]);
    i = next + 1;
  }
  return cells;
}

function scanDelimited(lines: ReadonlyArray<readonly [number, string]>, at: number, sep: string, out: Fields, text: string): number {
  const columns = splitCells(lines[at]?.[1] ?? "", sep).map(([, c]) => c.trim());
  let i = at + 1;
  for (; i < lines.length; i++) {
    const [start, line] = lines[i] ?? [0, ""];
    if (line.trim() === "" || !line.includes(sep)) break;
    splitCells(line, sep).forEach(([offset, cell], column) => push(out, columns[column], text, start + offset, start + offset + cell.length));
  }
  return i - 1;
}

function scanMarkdownTable(lines: ReadonlyArray<readonly [number, string]>, at: number, out: Fields, text: string): number {
  const header = lines[at]?.[1] ?? "";
  const rule = lines[at + 1]?.[1] ?? "";
  if (!/^\|?[ :|-]+$/.test(rule) || !rule.includes("-")) return at;
  const columns = splitCells(header, "|").slice(1).map(([, c]) => c.trim());
  let i = at + 2;
  for (; i < lines.length; i++) {
    const [start, line] = lines[i] ?? [0, ""];
    if (!line.startsWith("|")) break;
    splitCells(line, "|").slice(1).forEach(([offset, cell], column) => push(out, columns[column], text, start + offset, start + offset + cell.length));
  }
  return i - 1;
}
