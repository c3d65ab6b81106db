import { isDigitCode, isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";
import { isValidInternationalNumber, isValidNationalNumber } from "./phone-validity.js";

const DATE_SHAPE = /^(?:\d{4}([-./])\d{1,2}\1\d{1,2}|\d{1,2}([-./])\d{1,2}\2\d{2,4})$/;
const NANP_SHAPE = /^(?:\+?1[ \-.]?)?(?:\(\d{3}\) ?|\d{3}[ \-.])\d{3}[ \-.]\d{4}$/;
const SEPARATOR = /[ \-./()]/;
// Spain and Italian mobiles have no trunk "0"; accept only their usual groupings.
const SPANISH_SHAPE = /^(?:[6789]\d{2}(?:[ .]\d{3}[ .]\d{3}|[ .]\d{2}[ .]\d{2}[ .]\d{2})|[89]\d[ .]\d{3}[ .]\d{2}[ .]\d{2})$/;
const ITALIAN_MOBILE_SHAPE = /^3\d{2}[ .-]?\d{3,4}[ .-]?\d{3,4}$/;
// Brazil writes the area code in brackets and a dash before the last four digits: "(11) 91234-5678";
// Poland groups nine digits 3-3-3 or 2-3-2-2. Neither has a trunk "0" in everyday writing.
const BRAZILIAN_SHAPE = /^\(?\d{2}\)? ?9?\d{4}-\d{4}$/;
const POLISH_SHAPE = /^(?:[4-8]\d{2}[ -]\d{3}[ -]\d{3}|\d{2}[ -]\d{3}[ -]\d{2}[ -]\d{2})$/;
// For bare digits the phone word must lead straight to the number ("call me on …", "Tel.: …");
// "call about ticket 6437425" names something else. Only checked for the few bare candidates.
const CONTEXT = new RegExp(
  `\\b${keywordPattern([
    "telefonnummer", "telefono", "teléfono", "telefoon", "telefon", "tel", "téléphone", "telephone", "phone", "ph",
    "mobile", "mobiel", "mobil", "mob", "móvil", "movil", "cellulare", "cell", "call", "chiamare", "chiami", "fax",
    "whatsapp", "sms", "text", "ring", "rufnummer", "dial", "handy", "anrufen", "portable", "appeler", "llamar",
    "llame", "bel",
  ])}\\b\\.?[ \\t]*(?:(?:number|no\\.?|nr\\.?|nummer|num[ée]ro|n[úu]mero)[ \\t]*)?(?:(?:me|us)[ \\t]+)?(?:(?:is|on|at|under|unter|au|al|op)[ \\t]+)?:?[ \\t]*$`,
  "i",
);
// Trunk-prefix ("0…") national formats of the European countries our users write from.
const TRUNK_REGIONS: readonly string[] = ["DE", "GB", "FR", "NL", "IT", "AT", "CH", "BE", "IE"];
const ANY_REGIONS: readonly string[] = ["US", ...TRUNK_REGIONS, "ES", "BR", "PL", "PT"];
const PREV_REJECT = new Set(["-", ".", "/", ",", "#", "$", "€", "£", "¥", "_", "+", "@", "="]);

function isValidIn(digits: string, regions: readonly string[]): boolean {
  return regions.some((region) => isValidNationalNumber(digits, region));
}

const NON_DIGITS = /\D+/g;

function digitsOf(candidate: string): string {
  return candidate.replace(NON_DIGITS, "");
}

/**
 * true / false when the shape decides; a region list when the digits count as a phone only
 * after a phone word ("Tel.: 030123456", "call me on 4155552671").
 */
function classify(candidate: string, digits: string): boolean | readonly string[] {
  // "+49 (0)30 …": the bracketed trunk zero is dropped when dialling from abroad.
  if (candidate[0] === "+" || candidate.startsWith("(+")) return isValidInternationalNumber(digitsOf(candidate.replace("(0)", "")));
  if (digits.startsWith("00") && !digits.startsWith("000")) return isValidInternationalNumber(digits.slice(2));
  if (NANP_SHAPE.test(candidate) && isValidIn(digits, ["US"])) return true;
  const separated = SEPARATOR.test(candidate);
  if (digits.startsWith("0")) return separated ? isValidIn(digits, TRUNK_REGIONS) : TRUNK_REGIONS;
  if (SPANISH_SHAPE.test(candidate) && isValidIn(digits, ["ES"])) return true;
  if (separated && ITALIAN_MOBILE_SHAPE.test(candidate) && isValidIn(digits, ["IT"])) return true;
  if (BRAZILIAN_SHAPE.test(candidate) && isValidIn(digits, ["BR"])) return true;
  if (POLISH_SHAPE.test(candidate) && isValidIn(digits, ["PL"])) return true;
  // Left over are bare or oddly grouped digits. Dots and slashes here mean a version, an IPv4
  // address, an amount or a date, never a phone, so they need not wait for the look-back.
  return candidate.includes(".") || candidate.includes("/") ? false : ANY_REGIONS;
}

function boundaryOk(text: string, start: number, end: number): boolean {
  const prev = text[start - 1];
  if (prev !== undefined && (isWordAt(text, start - 1) || PREV_REJECT.has(prev))) return false;
  if (isWordAt(text, end)) return false;
  const next = text[end];
  // "10:30", "1,299" and "12%" continue a number, not a phone.
  if ((next === ":" || next === ",") && isDigitCode(text.charCodeAt(end + 1))) return false;
  return next !== "%";
}

function countDigits(value: string, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) if (isDigitCode(value.charCodeAt(i))) count++;
  return count;
}

/** Length of the phone at the start of `run`, or 0. */
function phoneLength(text: string, runStart: number, run: string): number {
  // The run may join a phone to a following number ("030 1234567 2 Stück"): retry without the last
  // one or two groups. Never start later: "874 0375 9074" must not yield the "0375 9074" inside it.
  let length = run.length;
  for (let attempt = 0; attempt < 3 && length > 0; attempt++) {
    const count = countDigits(run, length);
    if (count >= 7 && count <= 15 && boundaryOk(text, runStart, runStart + length)) {
      const candidate = length === run.length ? run : run.slice(0, length);
      if (DATE_SHAPE.test(candidate)) return 0;
      const digits = digitsOf(candidate);
      const verdict = classify(candidate, digits);
      if (verdict === true) return length;
      if (verdict !== false && CONTEXT.test(text.slice(Math.max(0, runStart - 32), runStart)) && isValidIn(digits, verdict)) {
        return length;
      }
    }
    length = run.lastIndexOf(" ", length - 1);
  }
  return 0;
}

export const phone: Recognizer = {
  type: "PHONE",
  // Candidates are the shared numeric runs (digit groups joined by single separators or "(…)");
  // the metadata then decides what is a number.
  find(text, out: Finding[], scan: TextScan) {
    for (const { start, value } of scan.numbers) {
      // Under seven characters there are not seven digits; a run of more than 15 digits plus
      // separators is a card, an IBAN or an id, not a phone.
      if (value.length < 7 || value.length > 24) continue;
      // "(03.09.2025, …)": an opening bracket without its closing one is punctuation.
      const open = value.startsWith("(") && !value.includes(")") ? 1 : 0;
      const runStart = start + open;
      const length = phoneLength(text, runStart, open === 1 ? value.slice(1) : value);
      if (length > 0) out.push({ type: "PHONE", start: runStart, end: runStart + length });
    }
  },
};
