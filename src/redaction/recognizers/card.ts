import { isDigitCode, isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import { luhn } from "../luhn.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// Within a numeric run: 4-4-4-4(-3) groups with one consistent separator, Amex/Diners 4-6-5/4-6-4,
// or 13–19 digits unbroken. The shared four-digit start is factored out so each position is tried once.
// The look-ahead lets "4111 1111 1111 1111 12/25" give up the optional fifth group.
const CARD = /\d{4}(?:([ -])(?:\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{6}\1\d{4,5})|\d{9,15})(?![\d]|[-.,/]\d)/g;
// Issuer ranges start 2–6 (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/
// UnionPay/Maestro); this keeps Luhn-valid timestamps and account numbers starting 0, 1, 7–9 out.
const ISSUER_FIRST_DIGIT = /^[2-6]/;
// 13-digit cards are rare today while 13-digit EAN barcodes and ids are common: those need a cue.
const CARD_CONTEXT = /card|visa|mastercard|karte|carte|tarjeta|carta|kaart|\bcc\b/i;
const PREV_REJECT = new Set(["+", ".", ",", "-", "/"]);
// Digits after "DE89 " are the rest of an IBAN, one that failed its mod-97 check.
const IBAN_HEAD = /[A-Z]{2}\d{2} ?$/;
const NON_DIGITS = /\D/g;

function bounded(text: string, start: number, end: number): boolean {
  const prev = text[start - 1];
  if (isWordAt(text, start - 1) || (prev !== undefined && PREV_REJECT.has(prev))) return false;
  if (isWordAt(text, end)) return false;
  const next = text[end];
  return !((next === "-" || next === "." || next === "," || next === "/") && isDigitCode(text.charCodeAt(end + 1)));
}

export const card: Recognizer = {
  type: "CARD",
  find(text, out: Finding[], scan: TextScan) {
    for (const run of scan.numbers) {
      if (run.value.length < 13) continue;
      CARD.lastIndex = 0;
      for (let m = CARD.exec(run.value); m !== null; m = CARD.exec(run.value)) {
        const value = m[0];
        const start = run.start + m.index;
        const end = start + value.length;
        if (!ISSUER_FIRST_DIGIT.test(value) || !bounded(text, start, end)) continue;
        if (IBAN_HEAD.test(text.slice(Math.max(0, start - 5), start))) continue;
        const digits = value.replace(NON_DIGITS, "");
        if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) continue;
        if (digits.length === 13 && !CARD_CONTEXT.test(text.slice(Math.max(0, start - 40), start))) continue;
        if (luhn(digits)) out.push({ type: "CARD", start, end });
      }
    }
  },
};
