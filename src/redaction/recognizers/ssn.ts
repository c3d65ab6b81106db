import { isDigitCode, isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// AAA-GG-SSSS. Without dashes nine digits are just a number, so those forms need the word nearby.
const SSN = /\d{3}([- ]?)\d{2}\1\d{4}/g;
const CONTEXT = /\b(?:ssn|social security|soc\.? ?sec)/i;

/** SSA never issues area 000, 666 or 900–999, group 00 or serial 0000. */
function issuable(digits: string): boolean {
  const area = digits.slice(0, 3);
  return area !== "000" && area !== "666" && area[0] !== "9" && digits.slice(3, 5) !== "00" && digits.slice(5) !== "0000";
}

function bounded(text: string, start: number, end: number): boolean {
  const prev = text[start - 1];
  const next = text[end];
  if (isWordAt(text, start - 1) || prev === "-" || prev === ".") return false;
  return !isWordAt(text, end) && !((next === "-" || next === ".") && isDigitCode(text.charCodeAt(end + 1)));
}

export const ssn: Recognizer = {
  type: "SSN",
  find(text, out: Finding[], scan: TextScan) {
    for (const run of scan.numbers) {
      if (run.value.length < 9) continue;
      SSN.lastIndex = 0;
      for (let m = SSN.exec(run.value); m !== null; m = SSN.exec(run.value)) {
        const start = run.start + m.index;
        const end = start + m[0].length;
        if (!bounded(text, start, end) || !issuable(m[0].replace(/\D/g, ""))) continue;
        if (m[0][3] === "-" || CONTEXT.test(text.slice(Math.max(0, start - 40), start))) out.push({ type: "SSN", start, end });
      }
    }
  },
};
