import type { Finding } from "../finding.js";
import { keywordPattern } from "../keyword-pattern.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";
import { NOT_A_NAME } from "./not-a-name.js";

/** Titles are case-sensitive: "Dr Smith" yes, "dr" in prose no. "M." needs its dot. */
const TITLE = new RegExp(
  `\\b(?:${keywordPattern(
    [
      "Mrs", "Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Herr", "Frau", "Hr", "Fr", "Mme", "Mlle", "Sra", "Srta", "Sr",
      "Dña", "Dhr", "Mevr", "Mw", "Sig\\.ra", "Sig", "Dott\\.ssa", "Dott", "Monsieur", "Madame", "Señora", "Señor",
      "Signora", "Signor", "Mevrouw", "Meneer",
    ],
    false,
  )}\\.?|heer|mevrouw|meneer|M\\.)[ \\t]+`,
  "g",
);
const TITLE_AT = new RegExp(TITLE.source, "y");

const SKIP_AFTER_CUE = /[\s,:;-]{1,4}/y;
const TOKEN = /\p{Lu}(?:\p{Ll}|\p{Lu}|['’-](?=\p{L}))*\.?/yu;
const PARTICLE = /(?:van der|van den|van|von der|von|de la|de los|del|della|di|da|du|de|der|den|le|la|ter|ten|dos|das|y|bin|al)[ \t]+/yu;
const MAX_TOKENS = 4;

/** How much evidence a cue needs after it. */
type Need = "one" | "two" | "two-or-addressed";

/** Reads up to four capitalised tokens from `pos` (after an optional title). */
function readName(text: string, pos: number, need: Need): { start: number; end: number } | undefined {
  TITLE_AT.lastIndex = pos;
  const titled = TITLE_AT.exec(text) !== null;
  if (titled) pos = TITLE_AT.lastIndex;
  let end = -1;
  let tokens = 0;
  let cursor = pos;
  while (tokens < MAX_TOKENS) {
    TOKEN.lastIndex = cursor;
    const token = TOKEN.exec(text)?.[0];
    if (token === undefined) break;
    const bare = token.endsWith(".") && token.length > 2 ? token.slice(0, -1) : token;
    // The first token must look like a name ("O'Brien", "Anna"), not an acronym ("HR", "OK").
    if (NOT_A_NAME.has(bare) || (tokens === 0 && !/\p{Ll}/u.test(bare))) break;
    tokens++;
    end = cursor + bare.length;
    cursor = TOKEN.lastIndex;
    if (text[cursor] !== " " && text[cursor] !== "\t") break;
    cursor++;
    PARTICLE.lastIndex = cursor;
    if (PARTICLE.exec(text) !== null) cursor = PARTICLE.lastIndex;
  }
  if (end === -1) return undefined;
  // A letter or digit glued to the end ("Smith2") means a handle, not a name.
  if (/[\p{L}\d]/u.test(text[end] ?? "")) return undefined;
  if (tokens === 1 && !titled && need !== "one") {
    // "Hi Sarah," / "Thanks,\nAnna": a single name addressed directly ends the phrase.
    const next = text[end] ?? "\n";
    if (need === "two" || !/[,!:\n\r]/.test(next)) return undefined;
  }
  return { start: pos, end };
}

const NEED: Readonly<Record<string, Need>> = {
  name: "one",
  "name-contact": "two",
  "name-weak": "two-or-addressed",
};

/** Names after a cue ("my name is", "Dear", "Mr.", "ich heiße", "je m'appelle", …); bare names are not found. */
export const personName: Recognizer = {
  type: "PERSON",
  find(text, out: Finding[], { cues }: TextScan) {
    let previousStart = -1;
    for (const cue of cues) {
      const need = NEED[cue.kind];
      // Cues at one position come strongest kind first; the weaker readings add nothing.
      if (need === undefined || cue.start === previousStart) continue;
      previousStart = cue.start;
      SKIP_AFTER_CUE.lastIndex = cue.end;
      if (SKIP_AFTER_CUE.exec(text) === null) continue;
      const name = readName(text, SKIP_AFTER_CUE.lastIndex, need);
      if (name !== undefined) out.push({ type: "PERSON", start: name.start, end: name.end });
    }
    // Titles have their own case-sensitive pass: capitals are rare, so V8 skips through it fast.
    TITLE.lastIndex = 0;
    for (let m = TITLE.exec(text); m !== null; m = TITLE.exec(text)) {
      const name = readName(text, m.index + m[0].length, "one");
      if (name !== undefined) out.push({ type: "PERSON", start: name.start, end: name.end });
    }
  },
};
