import { isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";

// Distinctive enough to stand alone: UK National Insurance numbers (HMRC's prefix rules), Italian
// codici fiscali and Spanish DNI/NIE (mod-23 check letter). Anything else needs a cue, because a
// bare "X1234567" is just a code. One pattern for all three: one pass over the text.
const STANDALONE =
  /\b(?:(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]|[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]|([XYZ]?)(\d{7,8})-?([A-Z]))\b/g;
const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

// Acronyms ("DNI", "BSN") count only in capitals: "nie" is German for "never", "tin" a metal.
const ACRONYMS = ["NINO", "DNI", "NIE", "NIF", "CNI", "BSN", "TIN", "SVNR", "AHV", "PESEL", "NIR", "CPR"];
const CUE = new RegExp(
  `\\b${keywordPattern([
    "passport", "passeport", "pasaporte", "paspoort", "passaporto", "reisepass",
    "national id(?:entity)?(?: card)?", "national insurance", "identity card", "identity number", "id card", "id-card",
    "id number", "personal id", "citizen id", "ni number", "personalausweis", "ausweis", "identit(?:y|ät)skarte",
    "carte d['’]identit[ée]", "carte nationale d['’]identit[ée]", "documento de identidad", "documento nacional de identidad",
    "carta d['’]identit[àa]", "burgerservicenummer", "identiteitskaart", "steuer-?id", "steueridentifikationsnummer",
    "tax id", "driver['’]?s licen[cs]e", "driving licen[cs]e", "f[üu]hrerschein", "permis de conduire",
    "licencia de conducir", "patente di guida", "rijbewijs", ...ACRONYMS.map((a) => a.toLowerCase()),
  ])}`,
  "gi",
);
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

function scanCues(text: string, out: Finding[]): void {
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
    const cue = m[0];
    if (ACRONYM_SET.has(cue.toLowerCase()) && (cue !== cue.toUpperCase() || isWordAt(text, m.index + cue.length))) continue;
    NUMBER_WORD.lastIndex = m.index + cue.length;
    NUMBER_WORD.exec(text);
    const start = NUMBER_WORD.lastIndex;
    TOKEN.lastIndex = start;
    const token = TOKEN.exec(text)?.[0];
    if (token === undefined) continue;
    const length = idLength(text, start, token);
    if (length > 0) out.push({ type: "ID", start, end: start + length });
  }
}

export const nationalId: Recognizer = {
  type: "ID",
  find(text, out: Finding[]) {
    scanCues(text, out);
    STANDALONE.lastIndex = 0;
    for (let m = STANDALONE.exec(text); m !== null; m = STANDALONE.exec(text)) {
      const isDni = m[2] !== undefined;
      if (!isDni || dniValid(m[1] ?? "", m[2] ?? "", m[3] ?? "")) {
        out.push({ type: "ID", start: m.index, end: m.index + m[0].length });
      }
    }
  },
};
