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

// What comes right before a name: a greeting, or a preposition or verb of talking to someone.
const GREETING = /(?:^|[^\p{L}])(?:hi|hello|hey|dear|morning|hallo|moin|tag|liebe|lieber|bonjour|salut|bonsoir|cher|chère|hola|días|tardes|ciao|buongiorno|salve|hoi|dag|goedemorgen|cześć|dobry|witam|olá|oi|dia|tarde)[ \t]*,?[ \t]*$/iu;
const TALK = /(?:^|[^\p{L}])(?:with|to|ask|asked|cc|from|by|for|via|mit|an|von|laut|du|fragen|hatte|habe|avec|à|a|par|pour|con|com|para|per|met|naar|volgens|heb|z|do|od|pana|pani|prowadzi|odbiorca|told|called|emailed|spoke|in|forward)[ \t]*[,:]?[ \t]*$/iu;
// What comes right after one: a verb of saying, or the end of a greeting or signature.
const AFTER = /^(?:[ \t]*(?:told|said|says|wrote|asked|replied|meinte|sagte|schrieb|m'a|a dit|me dijo|dijo|disse|mi ha detto|ha detto|zei|schreef|napisał|napisała|powiedział)\b|[ \t]*[,!:]|[ \t]*\(\d{1,2}:\d{2}\)|[ \t]*\r?\n|[ \t]*$)/iu;
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
export const knownName: Recognizer = {
  type: "PERSON",
  find(text: string, out: Finding[]) {
    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m !== null; m = RUN.exec(text)) {
      const prev = text.charCodeAt(m.index - 1);
      // Inside a word, an e-mail, a path or an identifier: not a name.
      if (m.index > 0 && /[\p{L}\p{N}_@./\\#-]/u.test(String.fromCharCode(prev))) continue;
      const all = m[0].match(TOKEN) ?? [];
      const tokens = stripped(all);
      if (tokens === null || tokens.length === 0) continue;
      const startToken = tokens[0] ?? "";
      const endToken = tokens[tokens.length - 1] ?? "";
      const start = m.index + m[0].indexOf(startToken);
      const end = m.index + m[0].lastIndexOf(endToken) + endToken.length;
      if (/^[\p{L}\p{N}@]/u.test(text.slice(end, end + 1))) continue;
      const known = tokens.some((t) => firstNames().has(t) || lastNames().has(t));
      const before = text.slice(Math.max(0, start - 24), start);
      const after = text.slice(end, end + 24);
      const greeted = GREETING.test(before);
      const speaker = SPEAKER.test(before) && /^[ \t]*(?:\(\d{1,2}:\d{2}\))?:/.test(after);
      const context = greeted || speaker || TALK.test(before) || AFTER.test(after);
      const ok =
        tokens.length >= 2
          ? known || context
          : (firstNames().has(startToken) && context) || greeted || (speaker && startToken.length >= 2);
      if (ok) out.push({ type: "PERSON", start, end });
    }
  },
};
