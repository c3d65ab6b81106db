import { isValidIBAN } from "ibantools";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

// Country code, check digits, then the BBAN printed in groups of four (or not at all).
const CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const MIN_LENGTH = 15; // Norway, the shortest IBAN

/** The run may swallow a following word ("… 3000 EUR"); drop trailing groups until mod-97 holds. */
function validPrefixLength(candidate: string): number {
  let value = candidate;
  for (;;) {
    const compact = value.replaceAll(" ", "");
    if (compact.length < MIN_LENGTH) return 0;
    if (isValidIBAN(compact)) return value.length;
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
    }
  },
};
