import { isDigitCode, isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import { luhn } from "../luhn.js";
import type { Recognizer } from "../recognizer.js";

// Unbroken 13–19 digits, 4-4-4-4(-3) groups with one consistent separator, or Amex/Diners 4-6-5/4-6-4.
// The shared four-digit start is factored out so each position is tried once.
const CARD = /\d{4}(?:([ -])(?:\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{6}\1\d{4,5})|\d{9,15})/g;
// Issuer ranges start 2–6 (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/
// UnionPay/Maestro); this keeps Luhn-valid timestamps and account numbers starting 0, 1, 7–9 out.
const ISSUER_FIRST_DIGIT = /^[2-6]/;
// 13-digit cards are rare today while 13-digit EAN barcodes and ids are common: those need a cue.
const CARD_CONTEXT = /card|visa|mastercard|karte|carte|tarjeta|carta|kaart|\bcc\b/i;
const PREV_REJECT = new Set(["+", ".", ",", "-", "/"]);

function bounded(text: string, start: number, end: number): boolean {
  const prev = text[start - 1];
  if (isWordAt(text, start - 1) || (prev !== undefined && PREV_REJECT.has(prev))) return false;
  if (isWordAt(text, end)) return false;
  const next = text[end];
  return !((next === "-" || next === "." || next === "," || next === "/") && isDigitCode(text.charCodeAt(end + 1)));
}

export const card: Recognizer = {
  type: "CARD",
  find(text, out: Finding[]) {
    CARD.lastIndex = 0;
    for (let m = CARD.exec(text); m !== null; m = CARD.exec(text)) {
      const value = m[0];
      const end = m.index + value.length;
      if (!ISSUER_FIRST_DIGIT.test(value) || !bounded(text, m.index, end)) continue;
      const digits = value.replace(/\D/g, "");
      if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) continue;
      if (digits.length === 13 && !CARD_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (luhn(digits)) out.push({ type: "CARD", start: m.index, end });
    }
  },
};
