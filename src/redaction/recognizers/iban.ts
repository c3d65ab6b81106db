import { getCountrySpecifications, isValidIBAN } from "ibantools";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

// Country code, check digits, then the BBAN printed in groups of four (or not at all).
const CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const SPACES = / /g;

// IBAN length per country. Base64 blobs and ids produce many "XX12…" candidates; the length and
// our own mod-97 reject those before ibantools checks the national format.
const LENGTHS = new Map<string, number>();
for (const [code, spec] of Object.entries(getCountrySpecifications())) {
  if (spec.chars !== null && spec.IBANRegistry) LENGTHS.set(code, spec.chars);
}

function mod97(iban: string): number {
  let rest = 0;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    rest = code <= 57 ? (rest * 10 + code - 48) % 97 : (rest * 100 + code - 55) % 97;
  }
  return rest;
}

/** The run may swallow a following word ("… 3000 EUR"); drop trailing groups until mod-97 holds. */
function validPrefixLength(candidate: string): number {
  const length = LENGTHS.get(candidate.slice(0, 2));
  if (length === undefined) return 0;
  let value = candidate;
  for (;;) {
    const compact = value.replace(SPACES, "");
    if (compact.length < length) return 0;
    if (compact.length === length) return mod97(compact) === 1 && isValidIBAN(compact) ? value.length : 0;
    const space = value.lastIndexOf(" ");
    if (space === -1) return 0;
    value = value.slice(0, space);
  }
}

export const iban: Recognizer = {
  type: "IBAN",
  find(text, out: Finding[]) {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const length = validPrefixLength(m[0]);
      if (length > 0) out.push({ type: "IBAN", start: m.index, end: m.index + length });
      // The run may have swallowed the next IBAN ("AT61… TEST NL44 RABO …"): resume right after.
      CANDIDATE.lastIndex = m.index + (length > 0 ? length : 4);
    }
  },
};
