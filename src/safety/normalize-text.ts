/**
 * Undoes the character tricks attacks use to slip past word rules: invisible characters, Unicode
 * tag smuggling, full-width and other compatibility forms (NFKC), Latin look-alikes from Cyrillic
 * and Greek, l33t digits and letters spaced or dotted apart. Rules then match one plain form.
 * Offsets in the normalised text are not those of the original; findings on it span the whole text.
 */
export interface NormalizedText {
  /** Lower-cased, tricks undone, whitespace collapsed. */
  readonly text: string;
  /** Characters that were invisible (zero-width, bidi controls, variation selectors). */
  readonly invisible: number;
  /** Text smuggled in Unicode tag characters (U+E0020–E007E), decoded; "" when none. */
  readonly tagText: string;
  /** Latin look-alikes replaced inside words that also hold Latin letters. */
  readonly homoglyphs: number;
  /** The text was changed by l33t or letter-spacing undoing (a second view worth scanning). */
  readonly deobfuscated: string | undefined;
}

/* eslint-disable no-misleading-character-class -- these classes list invisible marks one by one on purpose */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const HAS_INVISIBLE = new RegExp(INVISIBLE.source);
const INSIDE_WORD = /(?<=[A-Za-z])[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+(?=[A-Za-z])/g;
/* eslint-enable no-misleading-character-class */
const TAGS = /[\u{e0000}-\u{e007f}]/gu;
// Cyrillic and Greek letters drawn like Latin ones.
const LOOKALIKE: Readonly<Record<string, string>> = {
  а: "a", е: "e", о: "o", р: "p", с: "c", х: "x", у: "y", і: "i", ј: "j", ѕ: "s", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", к: "k", м: "m", т: "t", н: "h", в: "b", г: "r", ӏ: "l",
  ո: "n", օ: "o", ս: "u", հ: "h", ɡ: "g", ƒ: "f", ԍ: "g", ց: "g", ɩ: "i", ı: "i", ʏ: "y",
  α: "a", ο: "o", ρ: "p", ε: "e", ι: "i", κ: "k", ν: "v", τ: "t", υ: "u", χ: "x", ѵ: "v",
};
const LOOKALIKE_RE = /[аеорсхуіјѕһԁԛԝкмтнвгӏαορειкντυχѵոօսհɡƒԍցɩıʏ]/g;
const MIXED_WORD = /[a-zаеорсхуіјѕһԁԛԝкмтнвгӏαορειкντυχѵոօսհɡƒԍցɩıʏ]*[аеорсхуіјѕһԁԛԝкмтнвгӏαορειкντυχѵոօսհɡƒԍցɩıʏ][a-zаеорсхуіјѕһԁԛԝкмтнвгӏαορειкντυχѵոօսհɡƒԍցɩıʏ]*/g;
const CYRILLIC = /[а-яё]/;
const GREEK = /[α-ω]/;
const OTHER = /[ոօսհɡƒԍցɩıʏ]/;
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i", "|": "l" };
// A digit or symbol between letters, or letters with a leet digit at either end: "h4ck", "1gnore".
const LEET_WORD = /[a-z0-9@$!|]*[a-z][0-9@$|][a-z0-9@$!|]*|[0-9@$][a-z]{2,}[a-z0-9@$!|]*/g;
// Letters split by single spaces, dots, dashes or underscores: "i g n o r e", "i.g.n.o.r.e".
const SPACED = /\b(?:[a-z][ .\-_*]{1,4}){3,}[a-z]\b/g;

export function normalizeText(input: string): NormalizedText {
  let text = input;
  let invisible = 0;
  let tagText = "";
  if (/[\u{e0000}-\u{e007f}]/u.test(text)) {
    const tags = text.match(TAGS) ?? [];
    tagText = tags.map((c) => String.fromCharCode((c.codePointAt(0) as number) - 0xe0000)).join("").toLowerCase();
    text = text.replace(TAGS, "");
  }
  if (HAS_INVISIBLE.test(text)) {
    // Only those inside Latin words count as a trick: joiners belong in emoji and Indic or Persian script.
    invisible = (text.match(INSIDE_WORD) ?? []).length;
    text = text.replace(INVISIBLE, "");
  }
  // NFKC folds full-width, circled and mathematical letters; only worth it when such characters occur.
  if (/[\uff01-\uff5e\u2460-\u24ff\u{1d400}-\u{1d7ff}\u{1f130}-\u{1f189}]/u.test(text)) text = text.normalize("NFKC");
  text = text.toLowerCase();
  let homoglyphs = 0;
  if (/[а-яα-ωոօսհɡƒԍցɩıʏ]/.test(text)) {
    // A word that mixes scripts is disguised; a word wholly in one script is that language.
    const mixed = (word: string): boolean => (/[a-z]/.test(word) ? 1 : 0) + (CYRILLIC.test(word) ? 1 : 0) + (GREEK.test(word) ? 1 : 0) + (OTHER.test(word) ? 1 : 0) >= 2;
    text = text.replace(MIXED_WORD, (word) => (mixed(word) ? word.replace(LOOKALIKE_RE, (c) => (homoglyphs++, LOOKALIKE[c] ?? c)) : word));
  }
  let deobfuscated: string | undefined;
  if (/[a-z][0-9@$|][a-z]|\b[0-9@$][a-z]/.test(text)) {
    deobfuscated = text.replace(LEET_WORD, (word) => word.replace(/[0-9@$!|]/g, (c) => LEET[c] ?? c));
  }
  if (/\b[a-z][ .\-_*]{1,3}[a-z][ .\-_*]{1,3}[a-z][ .\-_*]{1,3}[a-z]\b/.test(deobfuscated ?? text)) {
    // A wider gap (or a doubled separator) between letters is a word break; a single one is not.
    deobfuscated = (deobfuscated ?? text).replace(SPACED, (run) => `${run.replace(/[ .\-_*]{2,}/g, "\ue000").replace(/[ .\-_*]/g, "").replace(/\ue000/g, " ")} `);
  }
  return { text, invisible, tagText, homoglyphs, deobfuscated };
}
