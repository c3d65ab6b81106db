import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import { CONTACT_AT, NAME_CUE, STRONG_AT, TITLE } from "./name-cues.js";
import { NOT_A_NAME } from "./not-a-name.js";

const SKIP_AFTER_CUE = /[\s,:;-]{1,4}/y;
const TITLE_AT = new RegExp(TITLE.source, "y");
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

function needAt(text: string, index: number): Need {
  STRONG_AT.lastIndex = index;
  if (STRONG_AT.test(text)) return "one";
  CONTACT_AT.lastIndex = index;
  return CONTACT_AT.test(text) ? "two" : "two-or-addressed";
}

/** Names after a cue ("my name is", "Dear", "Mr.", "ich heiße", "je m'appelle", …); bare names are not found. */
export const personName: Recognizer = {
  type: "PERSON",
  find(text, out: Finding[]) {
    NAME_CUE.lastIndex = 0;
    for (let m = NAME_CUE.exec(text); m !== null; m = NAME_CUE.exec(text)) {
      SKIP_AFTER_CUE.lastIndex = m.index + m[0].length;
      if (SKIP_AFTER_CUE.exec(text) === null) continue;
      const name = readName(text, SKIP_AFTER_CUE.lastIndex, needAt(text, m.index));
      if (name !== undefined) out.push({ type: "PERSON", start: name.start, end: name.end });
    }
    TITLE.lastIndex = 0;
    for (let m = TITLE.exec(text); m !== null; m = TITLE.exec(text)) {
      const name = readName(text, m.index + m[0].length, "one");
      if (name !== undefined) out.push({ type: "PERSON", start: name.start, end: name.end });
    }
  },
};
