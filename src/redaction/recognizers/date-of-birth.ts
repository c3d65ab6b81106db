import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";

// A date is only a date of birth when a cue says so; bare dates stay (they are rarely personal).
// "birthday" only as a form label: "birthday lunch on 2024-05-01" is not a birth date.
const CUE = new RegExp(
  `\\b${keywordPattern([
    "born(?: on)?", "d\\.?o\\.?b\\.?", "date of birth", "birth ?date", "birthday(?=\\s*:)",
    "geboren(?: am| op)?", "geb\\.", "geburtsdatum", "geburtstag", "geboortedatum",
    "n[ée]e? le", "date de naissance", "fecha de nacimiento", "nacid[oa] el", "data di nascita", "nat[oa] il",
  ])}`,
  "gi",
);
const MONTH =
  "(?:jan(?:uary|uar|vier|uari)?|feb(?:ruary|ruar|ruari)?|f[ée]vrier|mar(?:ch|s)?|m[äa]e?rz|maart|apr(?:il|ile)?|avril|may|mai|mei|jun(?:e|i)?|juin|jul(?:y|i)?|juillet|aug(?:ust|ustus)?|ao[ûu]t|sep(?:t|tember|tembre)?|oct(?:ober|obre)?|okt(?:ober)?|nov(?:ember|embre)?|dec(?:ember|embre)?|d[ée]cembre|dez(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\\.?";
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
  find(text, out: Finding[]) {
    CUE.lastIndex = 0;
    for (let m = CUE.exec(text); m !== null; m = CUE.exec(text)) {
      const from = m.index + m[0].length;
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
