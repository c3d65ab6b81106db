import { FIRST_NAMES, LAST_NAMES } from "../data/person-names.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import { NOT_NAMES } from "./name-stop-words.js";

// Sets built on first use, so a process that never redacts names pays nothing (≈ 28,000 names).
let first: ReadonlySet<string> | undefined;
let last: ReadonlySet<string> | undefined;
const firstNames = (): ReadonlySet<string> => (first ??= new Set(FIRST_NAMES.split(" ")));
const lastNames = (): ReadonlySet<string> => (last ??= new Set(LAST_NAMES.split(" ")));

const UP = "A-ZÀ-ÖØ-ÞĀ-Ž";
const LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’-";
const PARTICLE = "(?:de|da|do|dos|das|van|der|den|von|di|del|della|la|le|ter|ten|al|bin|y)";
// Runs of capitalised words, particles allowed between them ("Lotte van Leeuwen").
const RUN = new RegExp(`[${UP}][${LETTER}]*(?:(?: ${PARTICLE}(?: (?:de|der|den|la|los))?)? [${UP}][${LETTER}]*){0,5}`, "g");
const TOKEN = new RegExp(`[${UP}][${LETTER}]*`, "g");

// Words right before a name: a greeting, or a preposition or verb of talking to someone; right
// after it, a verb of saying. Looked up as whole words, so no pattern runs per capitalised word.
const GREETINGS = new Set(
  "hi hello hey dear morning hallo moin tag liebe lieber bonjour salut bonsoir cher chère hola días tardes ciao buongiorno salve hoi dag goedemorgen cześć dobry witam olá oi dia tarde".split(" "),
);
const TALK_WORDS = new Set(
  "with to ask asked cc from by for via mit an von laut du fragen hatte habe avec à a par pour con com para per met naar volgens heb z do od pana pani prowadzi odbiorca told called emailed spoke in forward".split(" "),
);
const SAYING = new Set("told said says wrote asked replied meinte sagte schrieb m'a dijo disse detto zei schreef napisał napisała powiedział me mi".split(" "));

const isLetterCode = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x250) || c === 39 || c === 0x2019;

/** The word before `at`, skipping blanks and one "," or ":", lower-cased ("" at the start). */
function wordBefore(text: string, at: number): string {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i > 0 && (text[i - 1] === "," || text[i - 1] === ":")) i--;
  while (i > 0 && text.charCodeAt(i - 1) === 32) i--;
  const end = i;
  while (i > 0 && isLetterCode(text.charCodeAt(i - 1))) i--;
  return text.slice(i, end).toLowerCase();
}

/** True when a verb of saying or the end of a greeting, line or clause follows. */
function saysAfter(text: string, at: number): boolean {
  let i = at;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (i >= text.length) return true;
  const c = text[i];
  if (c === "," || c === "!" || c === ":" || c === "\n" || c === "\r") return true;
  let j = i;
  while (j < text.length && isLetterCode(text.charCodeAt(j))) j++;
  return j > i && SAYING.has(text.slice(i, j).toLowerCase());
}

const SPEAKER = /(?:^|\n)(?:\[\d{1,2}:\d{2}\][ \t]*)?$/;

/** Drops leading greetings and sentence openers ("Hallo", "Please"); null when a word is in capitals (a code, not a name). */
function stripped(tokens: string[]): string[] | null {
  let a = 0;
  while (a < tokens.length && NOT_NAMES.has((tokens[a] ?? "").toLowerCase())) a++;
  const rest = tokens.slice(a);
  return rest.some((t) => t.length >= 2 && t === t.toUpperCase()) ? null : rest;
}

/**
 * Names without a cue word: capitalised words of which one is a known given name or surname
 * (from @faker-js/faker's locale lists), or two or more capitalised words after a greeting or a
 * verb of talking ("Falei com Ren Kobayashi"), as a chat speaker, or alone on a signature line.
 * A single given name needs such a context too ("Hallo Jonas,", "Kannst du Niklas fragen").
 */
const SPEAKER_AFTER = /^[ \t]*(?:\(\d{1,2}:\d{2}\))?:/;
const BOUNDARY_BEFORE = /[\p{L}\p{N}_@./\\#-]/u;

/** A token of letters only, all in capitals ("PNR", "SKU"): a code, not a name. */
function isCapitals(token: string): boolean {
  return token.length >= 2 && token === token.toUpperCase();
}

export const knownName: Recognizer = {
  type: "PERSON",
  find(text: string, out: Finding[]) {
    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
      const run = m[0];
      // Most runs are one word opening a sentence: decide those without allocating.
      const single = run.indexOf(" ") === -1;
      if (single) {
        // A lone word is a name only as a known given name or after a greeting or as a speaker.
        const next = text.charCodeAt(m.index + run.length);
        if (!firstNames().has(run) && next !== 44 && next !== 33 && next !== 58 && next !== 32 && next !== 10) continue;
        if (NOT_NAMES.has(run.toLowerCase()) || isCapitals(run)) continue;
      }
      // Inside a word, an e-mail, a path or an identifier: not a name.
      if (m.index > 0 && BOUNDARY_BEFORE.test(text.charAt(m.index - 1))) continue;
      const tokens = single ? [run] : stripped(run.match(TOKEN) ?? []);
      if (tokens === null || tokens.length === 0) continue;
      const startToken = tokens[0] ?? "";
      const endToken = tokens[tokens.length - 1] ?? "";
      const start = single ? m.index : m.index + run.indexOf(startToken);
      const end = single ? m.index + run.length : m.index + run.lastIndexOf(endToken) + endToken.length;
      const next = text.charCodeAt(end);
      if (next === 64 || (next >= 48 && next <= 57)) continue; // "@", a digit
      const isFirst = firstNames().has(startToken);
      const known = isFirst || (tokens.length >= 2 && tokens.some((t) => firstNames().has(t) || lastNames().has(t)));
      if (tokens.length >= 2 && known) {
        out.push({ type: "PERSON", start, end });
        continue;
      }
      const previous = wordBefore(text, start);
      const greeted = GREETINGS.has(previous);
      const speaker = (next === 58 || next === 32) && SPEAKER.test(text.slice(Math.max(0, start - 9), start)) && SPEAKER_AFTER.test(text.slice(end, end + 12));
      const ok =
        tokens.length >= 2 || isFirst
          ? greeted || speaker || TALK_WORDS.has(previous) || saysAfter(text, end)
          : greeted || (speaker && startToken.length >= 2);
      if (ok) out.push({ type: "PERSON", start, end });
    }
  },
};
