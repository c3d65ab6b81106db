import { isWordAt } from "../char-class.js";
import type { Cue } from "../cue-scan.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// Distinctive enough to stand alone: UK National Insurance numbers (HMRC's prefix rules), Italian
// codici fiscali and Spanish DNI/NIE (mod-23 check letter). Anything else needs a cue, because a
// bare "X1234567" is just a code. NINO and codice fiscale share one letter-led pattern; DNI/NIE
// numbers are read from the shared numeric runs.
const NINO_OR_CODICE_FISCALE =
  /\b(?:(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]|[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z])\b/g;
// Read at the end of a numeric run: seven or eight digits, then the letter ("12345678Z", "X1234567L").
const DNI_TAIL = /-?([A-Z])\b/y;
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

// After a cue ("passport no.", "Personalausweis", "NI number", see cue-phrases.ts) any code with a
// digit counts. Acronyms ("DNI", "BSN") only in capitals: "nie" is German for "never", "tin" a metal.
const ACRONYMS = ["NINO", "DNI", "NIE", "NIF", "CNI", "BSN", "TIN", "SVNR", "AHV", "PESEL", "NIR", "CPR"];
const ACRONYM_SET: ReadonlySet<string> = new Set(ACRONYMS.map((a) => a.toLowerCase()));
const NUMBER_WORD =
  /[ \t]*(?:\(?(?:number|nummer|numéro|numero|número|num|nr|no|n[°º.]|#|id)\.?\)?[ \t]*)?(?:is|ist|est|es|è|:|=|#|-|–)?[ \t]*/iy;
const TOKEN = /[A-Z0-9]+(?:[ -][A-Z0-9]+){0,4}/y;

/** DNI: eight digits; NIE: X/Y/Z (read as 0/1/2) and seven digits; then the checksum letter. */
function dniValid(prefix: string, digits: string, letter: string): boolean {
  if (digits.length !== (prefix === "" ? 8 : 7)) return false;
  const number = Number(`${prefix === "" ? "" : "XYZ".indexOf(prefix)}${digits}`);
  return DNI_LETTERS[number % 23] === letter;
}

/** Drops trailing groups until the token ends at a word boundary and looks like an id. */
function idLength(text: string, start: number, token: string): number {
  let value = token;
  for (;;) {
    const compact = value.replace(/[ -]/g, "");
    if (compact.length >= 6 && compact.length <= 20 && /\d/.test(compact) && !isWordAt(text, start + value.length)) {
      return value.length;
    }
    const cut = Math.max(value.lastIndexOf(" "), value.lastIndexOf("-"));
    if (cut <= 0) return 0;
    value = value.slice(0, cut);
  }
}

function afterCues(text: string, cues: readonly Cue[], out: Finding[]): void {
  for (const { kind, start: cueStart, end: cueEnd } of cues) {
    if (kind !== "id") continue;
    const cue = text.slice(cueStart, cueEnd);
    if (ACRONYM_SET.has(cue.toLowerCase()) && (cue !== cue.toUpperCase() || isWordAt(text, cueEnd))) continue;
    NUMBER_WORD.lastIndex = cueEnd;
    NUMBER_WORD.exec(text);
    const start = NUMBER_WORD.lastIndex;
    TOKEN.lastIndex = start;
    const token = TOKEN.exec(text)?.[0];
    if (token === undefined) continue;
    const length = idLength(text, start, token);
    if (length > 0) out.push({ type: "ID", start, end: start + length });
  }
}

function scanPattern(text: string, pattern: RegExp, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push({ type: "ID", start: m.index, end: m.index + m[0].length });
  }
}

export const nationalId: Recognizer = {
  type: "ID",
  find(text, out: Finding[], scan: TextScan) {
    afterCues(text, scan.cues, out);
    scanPattern(text, NINO_OR_CODICE_FISCALE, out);
    for (const { start, value } of scan.numbers) {
      if ((value.length !== 7 && value.length !== 8) || !/^\d+$/.test(value)) continue;
      const prefix = /[XYZ]/.test(text[start - 1] ?? "") && !isWordAt(text, start - 2) ? (text[start - 1] ?? "") : "";
      if (prefix === "" && isWordAt(text, start - 1)) continue;
      DNI_TAIL.lastIndex = start + value.length;
      const letter = DNI_TAIL.exec(text)?.[1];
      if (letter !== undefined && dniValid(prefix, value, letter)) {
        out.push({ type: "ID", start: start - prefix.length, end: DNI_TAIL.lastIndex });
      }
    }
  },
};
