/**
 * National identifiers with valid check digits, for the evaluation corpus. Each generator follows
 * the published algorithm of its country; `label` is how a form in that language names it.
 */
import type { Random } from "../corpus/random.js";
import type { Lang } from "./lang.js";

export interface NationalId {
  readonly label: string;
  readonly value: string;
  /** Key a JSON payload would use. */
  readonly key: string;
}

const digitsOf = (s: string): number[] => [...s].map(Number);
const pad = (n: number, width: number): string => String(n).padStart(width, "0");

function weighted(digits: readonly number[], weights: readonly number[]): number {
  return digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0);
}

export function cpf(r: Random): string {
  const d = digitsOf(r.digits(9));
  const c1 = ((weighted(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const c2 = ((weighted([...d, c1], [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const s = [...d, c1, c2].join("");
  return r.chance(0.75) ? `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}` : s;
}

export function cnpj(r: Random): string {
  const d = digitsOf(`${r.digits(8)}000${r.int(1, 3)}`);
  const check = (ds: number[], w: number[]): number => {
    const m = weighted(ds, w) % 11;
    return m < 2 ? 0 : 11 - m;
  };
  const c1 = check(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const c2 = check([...d, c1], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const s = [...d, c1, c2].join("");
  return r.chance(0.8) ? `${s.slice(0, 2)}.${s.slice(2, 5)}.${s.slice(5, 8)}/${s.slice(8, 12)}-${s.slice(12)}` : s;
}

/** German tax id: 10 digits in which one digit appears twice, then an ISO 7064 MOD 11,10 check. */
export function steuerId(r: Random): string {
  for (;;) {
    const pool = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const chosen: number[] = [];
    while (chosen.length < 9) chosen.push(pool.splice(r.int(0, pool.length - 1), 1)[0] ?? 0);
    chosen.push(chosen[r.int(0, 8)] ?? 0);
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = r.int(0, i);
      [chosen[i], chosen[j]] = [chosen[j] ?? 0, chosen[i] ?? 0];
    }
    if (chosen[0] === 0) continue;
    let product = 10;
    for (const d of chosen) {
      let sum = (d + product) % 10;
      if (sum === 0) sum = 10;
      product = (sum * 2) % 11;
    }
    const c = 11 - product === 10 ? 0 : 11 - product;
    const s = `${chosen.join("")}${c}`;
    return r.chance(0.5) ? s : `${s.slice(0, 2)} ${s.slice(2, 5)} ${s.slice(5, 8)} ${s.slice(8)}`;
  }
}

/** French social security number (NIR): sex, year, month, department, commune, order, key 97 - n mod 97. */
export function nir(r: Random): string {
  const body = `${r.int(1, 2)}${pad(r.int(50, 99), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 95), 2)}${pad(r.int(1, 999), 3)}${pad(r.int(1, 999), 3)}`;
  const key = pad(97 - Number(BigInt(body) % 97n), 2);
  const s = `${body}${key}`;
  return r.chance(0.6) ? `${s[0]} ${s.slice(1, 3)} ${s.slice(3, 5)} ${s.slice(5, 7)} ${s.slice(7, 10)} ${s.slice(10, 13)} ${s.slice(13)}` : s;
}

const DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

export function dni(r: Random): string {
  const n = r.int(10_000_000, 99_999_999);
  return `${n}${r.chance(0.2) ? "-" : ""}${DNI_LETTERS[n % 23] ?? "T"}`;
}

export function nie(r: Random): string {
  const prefix = r.int(0, 2);
  const n = r.int(1_000_000, 9_999_999);
  return `${"XYZ"[prefix] ?? "X"}${n}${DNI_LETTERS[Number(`${prefix}${n}`) % 23] ?? "T"}`;
}

const CF_ODD: Readonly<Record<string, number>> = { 0: 1, 1: 0, 2: 5, 3: 7, 4: 9, 5: 13, 6: 15, 7: 17, 8: 19, 9: 21, A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18, N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23 };

/** Italian codice fiscale: surname and name consonants, birth date, municipality code, check letter. */
export function codiceFiscale(r: Random): string {
  const U = "BCDFGHLMNPRSTVZ";
  const month = "ABCDEHLMPRST"[r.int(0, 11)] ?? "A";
  const day = r.int(1, 31) + (r.chance(0.5) ? 40 : 0);
  const body = `${r.chars(3, U)}${r.chars(3, U)}${pad(r.int(50, 99), 2)}${month}${pad(day, 2)}${"ABCDEFGHLMZ"[r.int(0, 10)] ?? "F"}${pad(r.int(1, 999), 3)}`;
  let sum = 0;
  [...body].forEach((ch, i) => {
    sum += i % 2 === 0 ? (CF_ODD[ch] ?? 0) : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
  });
  return `${body}${String.fromCharCode(65 + (sum % 26))}`;
}

/** Dutch BSN: 9 digits passing the eleven-test. */
export function bsn(r: Random): string {
  for (;;) {
    const d = digitsOf(r.digits(8));
    if (d[0] === 0) continue;
    const s = weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    if (s === 10) continue;
    const out = `${d.join("")}${s}`;
    return r.chance(0.3) ? `${out.slice(0, 4)}.${out.slice(4, 6)}.${out.slice(6)}` : out;
  }
}

/** Polish PESEL: birth date in the first six digits, weights 1-3-7-9, last digit checks. */
export function pesel(r: Random): string {
  const year = r.int(1950, 2005);
  const month = r.int(1, 12) + (year >= 2000 ? 20 : 0);
  const d = digitsOf(`${pad(year % 100, 2)}${pad(month, 2)}${pad(r.int(1, 28), 2)}${r.digits(4)}`);
  const c = (10 - (weighted(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10)) % 10;
  return `${d.join("")}${c}`;
}

/** Polish NIP (tax number): weights 6-5-7-2-3-4-5-6-7 mod 11, never 10. */
export function nip(r: Random): string {
  for (;;) {
    const d = digitsOf(`${r.int(1, 9)}${r.digits(8)}`);
    const c = weighted(d, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
    if (c === 10) continue;
    const s = `${d.join("")}${c}`;
    return r.chance(0.5) ? `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 8)}-${s.slice(8)}` : s;
  }
}

/** Belgian national number: YY.MM.DD-SSS.CC, check 97 - (n mod 97). */
export function belgianNumber(r: Random): string {
  const body = `${pad(r.int(50, 99), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${pad(r.int(1, 997), 3)}`;
  const c = pad(97 - (Number(body) % 97), 2);
  return `${body.slice(0, 2)}.${body.slice(2, 4)}.${body.slice(4, 6)}-${body.slice(6)}.${c}`;
}

/** Portuguese NIF: 9 digits, mod 11 with weights 9..2. */
export function portugueseNif(r: Random): string {
  const d = digitsOf(`${r.pick(["1", "2", "5"])}${r.digits(7)}`);
  const m = weighted(d, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
  return `${d.join("")}${m < 2 ? 0 : 11 - m}`;
}

/** Irish PPS number: 7 digits and a mod-23 check letter. */
export function pps(r: Random): string {
  const d = digitsOf(r.digits(7));
  return `${d.join("")}${"WABCDEFGHIJKLMNOPQRSTUV"[weighted(d, [8, 7, 6, 5, 4, 3, 2]) % 23] ?? "W"}`;
}

/** UK National Insurance number: prefix rules of HMRC, no check digit. */
export function nino(r: Random): string {
  for (;;) {
    const a = r.chars(1, "ABCEGHJKLMNOPRSTWXYZ");
    const b = r.chars(1, "ABCEGHJKLMNPRSTWXYZ");
    if (["BG", "GB", "NK", "KN", "TN", "NT", "ZZ"].includes(a + b)) continue;
    const n = r.digits(6);
    const suffix = r.chars(1, "ABCD");
    return r.chance(0.5) ? `${a}${b}${n}${suffix}` : `${a}${b} ${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4)} ${suffix}`;
  }
}

/** Finnish personal identity code: DDMMYY, century sign, individual number, mod-31 check. */
export function hetu(r: Random): string {
  const date = `${pad(r.int(1, 28), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(50, 99), 2)}`;
  const ind = pad(r.int(2, 899), 3);
  return `${date}-${ind}${"0123456789ABCDEFHJKLMNPRSTUVWXY"[Number(`${date}${ind}`) % 31] ?? "0"}`;
}

/** Swedish personnummer: YYMMDD-NNNC with a Luhn check digit. */
export function personnummer(r: Random): string {
  const body = `${pad(r.int(50, 99), 2)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}${r.digits(3)}`;
  let sum = 0;
  digitsOf(body).forEach((d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  });
  return `${body.slice(0, 6)}-${body.slice(6)}${(10 - (sum % 10)) % 10}`;
}

const BY_LANG: Readonly<Record<Lang, ReadonlyArray<(r: Random) => NationalId>>> = {
  pt: [(r) => ({ label: "CPF", value: cpf(r), key: "cpf" }), (r) => ({ label: "CNPJ", value: cnpj(r), key: "cnpj" }), (r) => ({ label: "NIF", value: portugueseNif(r), key: "nif" })],
  de: [(r) => ({ label: "Steuer-ID", value: steuerId(r), key: "steuerId" }), (r) => ({ label: "Steueridentifikationsnummer", value: steuerId(r), key: "steuer_id" })],
  fr: [(r) => ({ label: "N° de sécurité sociale", value: nir(r), key: "nir" }), (r) => ({ label: "Numéro national (BE)", value: belgianNumber(r), key: "numero_national" })],
  es: [(r) => ({ label: "DNI", value: dni(r), key: "dni" }), (r) => ({ label: "NIE", value: nie(r), key: "nie" })],
  it: [(r) => ({ label: "Codice fiscale", value: codiceFiscale(r), key: "codice_fiscale" })],
  nl: [(r) => ({ label: "BSN", value: bsn(r), key: "bsn" }), (r) => ({ label: "Rijksregisternummer", value: belgianNumber(r), key: "rijksregisternummer" })],
  pl: [(r) => ({ label: "PESEL", value: pesel(r), key: "pesel" }), (r) => ({ label: "NIP", value: nip(r), key: "nip" })],
  en: [(r) => ({ label: "NI number", value: nino(r), key: "ni_number" }), (r) => ({ label: "PPS number", value: pps(r), key: "pps" }), (r) => ({ label: "Personal identity code", value: hetu(r), key: "hetu" }), (r) => ({ label: "Personnummer", value: personnummer(r), key: "personnummer" })],
};

export function nationalId(r: Random, lang: Lang): NationalId {
  return r.pick(BY_LANG[lang])(r);
}
