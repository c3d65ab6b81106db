import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";
import { extendOverPostcode } from "./postcode.js";

// Latin-script letter classes spelled out: the `u` flag with \p{…} makes these patterns ~2× slower.
const UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž";
const LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž";
const NAME = `[${UPPER}\\d][${LETTER}\\d'’.-]*`;
const WORD = `[${UPPER}][${LETTER}'’.-]*`;
const END = `(?![${LETTER}\\d])`;

// Number first. English: "221B Baker Street", "1600 Pennsylvania Avenue NW";
// French: "12 rue de la Paix", "5, avenue des Champs-Élysées", "3 bis boulevard Saint-Germain".
const NUMBER_FIRST = new RegExp(
  String.raw`\b\d{1,5}(?:[A-Za-z]|-\d{1,5}|[ \t]?(?:bis|ter))?,?[ \t]+(?:` +
    String.raw`(?:${NAME}[ \t]+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Court|Ct|Place|Pl|Way|Terrace|Close|Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Row|Mews|Gardens|Grove|Walk|Loop|Trail|Alley|Path|Pike|Ridge|Heights)${END}\.?(?:[ \t]+(?:NE|NW|SE|SW|N|S|E|W)${END})?` +
    String.raw`|(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Ii]mpasse|[Aa]llée|[Qq]uai|[Rr]oute|[Cc]ours)[ \t]+(?:(?:de la|des|du|de|la|le)[ \t]+)?(?:[dl]['’])?${WORD}(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+)?${WORD}){0,3})`,
  "g",
);
// English street words are capitalised, which makes them cheap to find; they only tell whether
// NUMBER_FIRST is worth running. French ones come from the shared cue scan.
const ENGLISH_STREET_WORD = `${keywordPattern(
    [
      "Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Ln", "Boulevard", "Blvd", "Drive", "Dr", "Court", "Ct",
      "Place", "Pl", "Way", "Terrace", "Close", "Crescent", "Square", "Sq", "Parkway", "Pkwy", "Highway", "Hwy",
      "Circle", "Cir", "Row", "Mews", "Gardens", "Grove", "Walk", "Loop", "Trail", "Alley", "Path", "Pike", "Ridge",
      "Heights",
    ],
    false,
  )}${END}`;
// Street word first, number after: Spanish, Italian, Portuguese; and post-office boxes
// ("P.O. Box 1234", "Postfach 10 20 30", "BP 42"), which stand in for a street.
// Scanned in one pass with ENGLISH_STREET_WORD (group 1).
const WORD_FIRST = new RegExp(
  String.raw`\b(?:(${ENGLISH_STREET_WORD})|(?:Calle|C\/|Avenida|Avda\.|Paseo|Plaza|Pza\.|Carrer|Camino|Ronda|Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Strada|Rua)[ \t]+` +
    String.raw`(?:(?:de la|de los|de las|del|de|dei|degli|della|delle|di|da|dal|do|San|Santa)[ \t]+)*${WORD}(?:[ \t]+(?:(?:de|del|di|della)[ \t]+)?${WORD}){0,3},?[ \t]+(?:n\.?[ºo°]?[ \t]*)?\d{1,4}[A-Za-z]?` +
    String.raw`|(?:P\.?[ \t]?O\.?[ \t]?Box|Post Office Box|Postfach|Postbus|Bo[îi]te [Pp]ostale|BP|Apartado(?: de [Cc]orreos)?|Casella [Pp]ostale)[ \t]+\d{1,6}(?:[ \t]\d{2}){0,2})${END}`,
  "g",
);
// German and Dutch: "Hauptstraße 5", "Musterstr. 12a", "Prinsengracht 263" (suffix glued on) and
// "Berliner Straße 12", "Am Alten Markt 3" (separate word). The pattern starts at the suffix, which
// V8 finds quickly; the street name is then read backwards in code.
const GERMANIC_SUFFIXES = [
  "straße", "strasse", "str\\.", "weg", "allee", "platz", "gasse", "damm", "ufer", "chaussee", "ring", "markt",
  "straat", "gracht", "laan", "plein", "kade", "dijk", "singel", "steeg",
];
// Case-sensitive with both spellings listed: V8 scans that faster than the same list with /i.
const GERMANIC = new RegExp(
  `${keywordPattern(
    [...GERMANIC_SUFFIXES, ...GERMANIC_SUFFIXES.map((suffix) => suffix.charAt(0).toUpperCase() + suffix.slice(1))],
    false,
  )}[ \\t]+\\d{1,4}(?:[ \\t]?[a-zA-Z]${END})?(?:-\\d{1,4})?${END}`,
  "g",
);
const IS_UPPER = new RegExp(`^[${UPPER}]`);
const IS_LETTER = new RegExp(`[${LETTER}-]`);
// Glued suffixes that end ordinary words ("Offering 3", "Spring 2024", "Supermarkt 5").
const SEPARATE_ONLY = new Set(["ring", "markt"]);

function wordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && IS_LETTER.test(text[start - 1] ?? "")) start--;
  return start;
}

/** Start of the street name ending at `suffixAt`, or -1. */
function germanicStart(text: string, suffixAt: number, suffix: string): number {
  const before = text[suffixAt - 1] ?? "";
  if (IS_LETTER.test(before)) {
    if (SEPARATE_ONLY.has(suffix.toLowerCase()) || !/^[a-zäöüß]/.test(suffix)) return -1;
    const start = wordStart(text, suffixAt);
    return IS_UPPER.test(text[start] ?? "") ? start : -1;
  }
  if (!IS_UPPER.test(suffix) || (before !== " " && before !== "\t")) return -1;
  let start = -1;
  let cursor = suffixAt - 1;
  for (let words = 0; words < 2 && (text[cursor] === " " || text[cursor] === "\t"); words++) {
    const wordAt = wordStart(text, cursor);
    if (wordAt === cursor || !IS_UPPER.test(text[wordAt] ?? "")) break;
    start = wordAt;
    cursor = wordAt - 1;
  }
  return start;
}

function findGermanic(text: string, out: Finding[]): void {
  GERMANIC.lastIndex = 0;
  for (let m = GERMANIC.exec(text); m !== null; m = GERMANIC.exec(text)) {
    const suffix = /^\S+/.exec(m[0])?.[0] ?? "";
    const start = germanicStart(text, m.index, suffix);
    if (start !== -1) out.push({ type: "ADDRESS", start, end: extendOverPostcode(text, m.index + m[0].length) });
  }
}

function scan(text: string, pattern: RegExp, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push({ type: "ADDRESS", start: m.index, end: extendOverPostcode(text, m.index + m[0].length) });
  }
}

export const streetAddress: Recognizer = {
  type: "ADDRESS",
  find(text, out: Finding[], textScan: TextScan) {
    findGermanic(text, out);
    let englishStreetWord = false;
    WORD_FIRST.lastIndex = 0;
    for (let m = WORD_FIRST.exec(text); m !== null; m = WORD_FIRST.exec(text)) {
      if (m[1] !== undefined) englishStreetWord = true;
      else out.push({ type: "ADDRESS", start: m.index, end: extendOverPostcode(text, m.index + m[0].length) });
    }
    // NUMBER_FIRST is tried at every number; most texts have no street word for it to reach.
    if (englishStreetWord || textScan.hasCue("street")) scan(text, NUMBER_FIRST, out);
  },
};
