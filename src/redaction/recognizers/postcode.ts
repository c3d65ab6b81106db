import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// UK (SW1A 1AA), NL (1012 AB), US ZIP(+4), five-digit DE/FR/ES/IT, four-digit AT/CH/BE/DK, "D-10115".
const POSTCODE_SOURCE =
  String.raw`(?:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}|\d{4}[ \t]?[A-Z]{2}|(?:[A-Z]{1,2}-)?\d{5}(?:-\d{4})?|\d{4})(?![\p{L}\d])`;
const UNIT_TAIL = /,?[ \t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Floor|Fl|Piso|Etage|Wohnung|Bus|Interno|Int)\.?[ \t]*#?[\p{L}\d-]+/uy;
// Postcodes only count right after a street: ", [City,] [ST] 12345 [City]" or on the next line.
const POSTAL_TAIL = new RegExp(
  String.raw`(?:,[ \t]*|[ \t]*\r?\n[ \t]*)(?:(?:\p{Lu}[\p{L}.'’-]*[ \t]?){1,3},?[ \t]*)?(?:[A-Z]{2}[ \t]+)?` +
    POSTCODE_SOURCE +
    String.raw`(?:[ \t]+\p{Lu}[\p{L}-]*(?:[ \t]+(?:(?:am|an der|an|im|sur|sous|en|de|del|di|upon|on)[ \t]+)?\p{Lu}[\p{L}-]*){0,2})?`,
  "uy",
);
const AFTER_CUE = /[ \t]*[:#]?[ \t]*/y;
const POSTCODE_AT = new RegExp(POSTCODE_SOURCE, "uy");

/** Extends a street match over a following unit and postcode; returns the new end. */
export function extendOverPostcode(text: string, end: number): number {
  UNIT_TAIL.lastIndex = end;
  if (UNIT_TAIL.exec(text) !== null) end = UNIT_TAIL.lastIndex;
  POSTAL_TAIL.lastIndex = end;
  return POSTAL_TAIL.exec(text) !== null ? POSTAL_TAIL.lastIndex : end;
}

/** A postcode on its own, only after a cue such as "ZIP", "postcode", "PLZ" or "código postal". */
export const postcode: Recognizer = {
  type: "ADDRESS",
  find(text, out: Finding[], { cues }: TextScan) {
    for (const { kind, start, end } of cues) {
      if (kind !== "postcode") continue;
      // "cap" and "cp" are English words; only the capitalised Italian/Spanish abbreviations count.
      const cue = text.slice(start, end);
      if (/^(?:cp|cap|c\.p\.)$/i.test(cue) && cue !== cue.toUpperCase()) continue;
      AFTER_CUE.lastIndex = end;
      AFTER_CUE.exec(text);
      const from = AFTER_CUE.lastIndex;
      POSTCODE_AT.lastIndex = from;
      if (POSTCODE_AT.exec(text) !== null) out.push({ type: "ADDRESS", start: from, end: POSTCODE_AT.lastIndex });
    }
  },
};
