import { isValidIBAN } from "ibantools";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { luhn } from "../../../src/redaction/luhn.js";
import type { Language } from "./people.js";
import { type Random, UPPER } from "./random.js";

const PHONE_FORMATS: Readonly<Record<Language, ReadonlyArray<(r: Random) => string>>> = {
  en: [
    (r) => `(${r.pick(["212", "415", "312", "617", "512"])}) ${r.int(200, 989)}-${r.digits(4)}`,
    (r) => `${r.pick(["646", "702", "305", "206"])}-${r.int(200, 989)}-${r.digits(4)}`,
    (r) => `+1 ${r.pick(["415", "718", "213"])} ${r.int(200, 989)} ${r.digits(4)}`,
    (r) => `${r.pick(["303", "404"])}.${r.int(200, 989)}.${r.digits(4)}`,
    (r) => `020 7946 0${r.digits(3)}`,
    (r) => `+44 20 7946 0${r.digits(3)}`,
    (r) => `07${r.int(400, 999)} ${r.int(100000, 999999)}`,
    (r) => `+44 (0)161 496 0${r.digits(3)}`,
  ],
  de: [
    (r) => `030 ${r.int(2000000, 9999999)}`,
    (r) => `+49 30 ${r.int(20000000, 99999999)}`,
    (r) => `+49 (0)89 ${r.int(2000000, 9999999)}`,
    (r) => `0${r.pick(["151", "160", "170", "176"])} ${r.int(10000000, 99999999)}`,
    (r) => `+49 ${r.pick(["151", "172"])} ${r.int(10000000, 99999999)}`,
    (r) => `040/${r.int(2000000, 9999999)}`,
    (r) => `0049 69 ${r.int(2000000, 9999999)}`,
    (r) => `0${r.pick(["171", "152"])}-${r.int(1000000, 9999999)}`,
    (r) => `089/${r.int(20000000, 99999999)}`,
  ],
  fr: [
    (r) => `06 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
    (r) => `+33 6 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
    (r) => `01 ${r.int(40, 59)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`,
    (r) => `07.${r.int(50, 89)}.${r.int(10, 99)}.${r.int(10, 99)}.${r.int(10, 99)}`,
  ],
  es: [
    (r) => `+34 6${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    (r) => `6${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    (r) => `91 ${r.int(200, 799)} ${r.int(10, 99)} ${r.int(10, 99)}`,
    (r) => `+34 93 ${r.int(200, 799)} ${r.int(10, 99)} ${r.int(10, 99)}`,
  ],
  nl: [
    (r) => `06-${r.int(10000000, 99999999)}`,
    (r) => `+31 6 ${r.int(10000000, 99999999)}`,
    (r) => `020 ${r.int(200, 799)} ${r.digits(4)}`,
    (r) => `+31 20 ${r.int(200, 799)} ${r.digits(4)}`,
  ],
  it: [
    (r) => `+39 02 ${r.digits(4)} ${r.digits(4)}`,
    (r) => `02 ${r.digits(4)} ${r.digits(4)}`,
    (r) => `3${r.pick(["47", "33", "39", "20"])} ${r.int(100, 999)} ${r.digits(4)}`,
    (r) => `+39 3${r.pick(["47", "28"])} ${r.int(100, 999)} ${r.digits(4)}`,
  ],
};

const REGION: Readonly<Record<Language, "US" | "DE" | "FR" | "ES" | "NL" | "IT">> = {
  en: "US", de: "DE", fr: "FR", es: "ES", nl: "NL", it: "IT",
};

/** A phone number libphonenumber accepts, in a format people in that country write. */
export function phoneNumber(r: Random, lang: Language): string {
  for (;;) {
    const value = r.pick(PHONE_FORMATS[lang])(r);
    const region = value.startsWith("0") && lang === "en" ? "GB" : REGION[lang];
    const parsed = parsePhoneNumberFromString(value.replace("(0)", "").replace(/^00/, "+"), region);
    if (parsed?.isValid() === true) return value;
  }
}

const CARD_BRANDS: ReadonlyArray<readonly [string, number]> = [["4", 16], ["51", 16], ["55", 16], ["2221", 16], ["37", 15], ["34", 15], ["6011", 16], ["4", 19]];

/** A Luhn-valid card number, grouped the way it is printed or pasted. */
export function cardNumber(r: Random): string {
  const [prefix, length] = r.pick(CARD_BRANDS);
  let body = prefix + r.digits(length - prefix.length - 1);
  for (let d = 0; d <= 9; d++) {
    if (luhn(body + d)) {
      body += d;
      break;
    }
  }
  if (length === 15 && r.chance(0.7)) return `${body.slice(0, 4)} ${body.slice(4, 10)} ${body.slice(10)}`;
  const sep = r.pick([" ", "-", "", " "]);
  return sep === "" ? body : (body.match(/.{1,4}/g) ?? []).join(sep);
}

/** A 16-digit order or tracking number that fails Luhn: must never be taken for a card. */
export function orderNumberFailingLuhn(r: Random): string {
  for (;;) {
    const value = String(r.int(2, 6)) + r.digits(15);
    if (!luhn(value)) return value;
  }
}

function mod97(numeric: string): number {
  let rest = 0;
  for (const ch of numeric) rest = (rest * 10 + Number(ch)) % 97;
  return rest;
}

const BBAN: Readonly<Record<string, (r: Random) => string>> = {
  DE: (r) => r.digits(18),
  GB: (r) => r.chars(4, UPPER) + r.digits(14),
  FR: (r) => r.digits(23),
  ES: (r) => r.digits(20),
  NL: (r) => r.chars(4, UPPER) + r.digits(10),
  IT: (r) => r.chars(1, UPPER) + r.digits(22),
  AT: (r) => r.digits(16),
  CH: (r) => r.digits(17),
  BE: (r) => r.digits(12),
};

/** IBAN with check digits from mod-97; retried until national checks (FR, ES, IT, BE) pass too. */
export function ibanNumber(r: Random, country = r.pick(Object.keys(BBAN))): string {
  for (;;) {
    const bban = (BBAN[country] ?? BBAN["DE"] ?? ((x: Random) => x.digits(18)))(r);
    const numeric = (bban + country + "00").replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    const check = String(98 - mod97(numeric)).padStart(2, "0");
    const iban = country + check + bban;
    if (isValidIBAN(iban)) return r.chance(0.6) ? (iban.match(/.{1,4}/g) ?? []).join(" ") : iban;
  }
}

export function ssnNumber(r: Random): string {
  let area = r.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, "0")}-${String(r.int(1, 99)).padStart(2, "0")}-${String(r.int(1, 9999)).padStart(4, "0")}`;
}

export function ipv4(r: Random): string {
  return r.pick([
    () => `192.168.${r.int(0, 255)}.${r.int(1, 254)}`,
    () => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    () => `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
    () => `172.${r.int(16, 31)}.${r.int(0, 255)}.${r.int(1, 254)}`,
  ])();
}

export function ipv6(r: Random): string {
  const group = (): string => r.int(0, 0xffff).toString(16);
  return r.pick([
    () => `2001:db8::${group()}`,
    () => `2001:0db8:85a3:0000:0000:8a2e:0370:${r.int(0x1000, 0xffff).toString(16)}`,
    () => `fe80::${group()}:${group()}:${group()}:${r.int(0x100, 0xfff).toString(16)}`,
    () => `2a00:1450:4001:${group()}::200e`,
    () => `::ffff:192.0.2.${r.int(1, 254)}`,
  ])();
}
