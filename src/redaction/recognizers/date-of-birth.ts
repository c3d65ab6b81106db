import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// A date is only a date of birth after a cue ("born", "DOB", "geboren am", "né le", see
// cue-phrases.ts); bare dates stay, they are rarely personal.
// Month names and abbreviations in the six languages, as a trie so the date pattern stays cheap.
const MONTH = `${keywordPattern(
  [
    "january", "jan", "januar", "janvier", "janv", "januari", "enero", "gennaio",
    "february", "feb", "februar", "février", "fevrier", "févr", "fevr", "februari", "febrero", "febbraio",
    "march", "mar", "märz", "maerz", "marz", "mars", "maart", "marzo",
    "april", "apr", "avril", "avr", "abril", "aprile",
    "may", "mai", "mei", "mayo", "maggio",
    "june", "jun", "juni", "juin", "junio", "giugno",
    "july", "jul", "juli", "juillet", "juil", "julio", "luglio",
    "august", "aug", "augustus", "août", "aout", "agosto",
    "september", "sept", "sep", "septembre", "septiembre", "setiembre", "settembre",
    "october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre",
    "november", "nov", "novembre", "noviembre",
    "december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre", "dicembre",
  ],
)}\\.?`;
const DATE = new RegExp(
  String.raw`(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})` +
    String.raw`|\d{1,2}(?:st|nd|rd|th|er|º|\.)?[ \t]+(?:de[ \t]+)?${MONTH}(?:[ \t]+de)?,?[ \t]+\d{4}` +
    String.raw`|${MONTH}[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4})(?![A-Za-z\u00C0-\u024F\d])`,
  "gi",
);
// How far after the cue the date may start: "Date of birth (DD/MM/YYYY): 12/03/1985".
const WINDOW = 40;

export const dateOfBirth: Recognizer = {
  type: "DOB",
  find(text, out: Finding[], { cues }: TextScan) {
    for (const cue of cues) {
      if (cue.kind !== "dob") continue;
      const from = cue.end;
      const window = text.slice(from, from + WINDOW + 40);
      DATE.lastIndex = 0;
      const date = DATE.exec(window);
      if (date === null || date.index > WINDOW || window.slice(0, date.index).includes("\n\n")) continue;
      // A digit right before the match means it started inside another number.
      if (date.index > 0 && /\d/.test(window[date.index - 1] ?? "")) continue;
      out.push({ type: "DOB", start: from + date.index, end: from + date.index + date[0].length });
    }
  },
};
