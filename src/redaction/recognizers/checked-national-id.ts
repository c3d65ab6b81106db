import { isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

const digits = (s: string): number[] => [...s.replace(/\D/g, "")].map(Number);
const weighted = (ds: readonly number[], ws: readonly number[]): number => ds.reduce((sum, d, i) => sum + d * (ws[i] ?? 0), 0);

function cpfValid(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11 || d.every((x) => x === d[0])) return false;
  const c1 = ((weighted(d.slice(0, 9), [10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  const c2 = ((weighted(d.slice(0, 10), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) * 10) % 11) % 10;
  return c1 === d[9] && c2 === d[10];
}

function cnpjValid(value: string): boolean {
  const d = digits(value);
  if (d.length !== 14 || d.every((x) => x === d[0])) return false;
  const check = (ds: number[], ws: number[]): number => {
    const m = weighted(ds, ws) % 11;
    return m < 2 ? 0 : 11 - m;
  };
  return check(d.slice(0, 12), [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[12] && check(d.slice(0, 13), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[13];
}

/** Belgian national number: 97 - (first nine digits mod 97), with "2" in front for births from 2000. */
function belgianValid(value: string): boolean {
  const s = value.replace(/\D/g, "");
  const body = Number(s.slice(0, 9));
  const check = Number(s.slice(9));
  return 97 - (body % 97) === check || 97 - ((2_000_000_000 + body) % 97) === check;
}

/** French NIR: 97 - (13 digits mod 97). */
function nirValid(value: string): boolean {
  const s = value.replace(/\D/g, "");
  return s.length === 15 && 97 - Number(BigInt(s.slice(0, 13)) % 97n) === Number(s.slice(13));
}

/** German tax id (ISO 7064 MOD 11,10) written in its usual groups "12 345 678 901". */
function steuerIdValid(value: string): boolean {
  const d = digits(value);
  if (d.length !== 11 || d[0] === 0) return false;
  let product = 10;
  for (const x of d.slice(0, 10)) {
    let sum = (x + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  return (11 - product) % 10 === d[10];
}

/** Dutch BSN written "1234.56.789": the eleven-test. */
function bsnValid(value: string): boolean {
  const d = digits(value);
  return d.length === 9 && (weighted(d.slice(0, 8), [9, 8, 7, 6, 5, 4, 3, 2]) - (d[8] ?? 0)) % 11 === 0;
}

// Written shapes distinctive enough to need no label once their check digits hold.
const SHAPES: ReadonlyArray<readonly [RegExp, (value: string) => boolean]> = [
  [/^\d{3}\.\d{3}\.\d{3}-\d{2}$/, cpfValid],
  [/^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/, cnpjValid],
  [/^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/, belgianValid],
  [/^[12] \d{2} \d{2} \d{2}(?: \d{3}){2} \d{2}$/, nirValid],
  [/^\d{2} \d{3} \d{3} \d{3}$/, steuerIdValid],
  [/^\d{4}\.\d{2}\.\d{3}$/, bsnValid],
];

const LENGTHS = new Set([11, 14, 15, 18, 21]);

/**
 * National ids recognised by their written shape and check digits, without a label: Brazilian
 * CPF and CNPJ, Belgian national number, French NIR, German tax id, Dutch BSN.
 */
export const checkedNationalId: Recognizer = {
  type: "ID",
  find(text: string, out: Finding[], scan: TextScan) {
    for (const { start, value } of scan.numbers) {
      if (!LENGTHS.has(value.length) || isWordAt(text, start - 1) || isWordAt(text, start + value.length)) continue;
      for (const [shape, valid] of SHAPES) {
        if (shape.test(value) && valid(value)) {
          out.push({ type: "ID", start, end: start + value.length });
          break;
        }
      }
    }
  },
};
