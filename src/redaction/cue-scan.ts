import { CUE_PHRASES, type CueKind } from "./cue-phrases.js";
import { keywordPattern } from "./keyword-pattern.js";

export type { CueKind } from "./cue-phrases.js";

/** A cue phrase in the text: `text.slice(start, end)` is e.g. "Date of birth" or "Sehr geehrter". */
export interface Cue {
  readonly kind: CueKind;
  readonly start: number;
  readonly end: number;
}

type KindPattern = readonly [CueKind, RegExp];

const KINDS = Object.keys(CUE_PHRASES) as CueKind[];
// One pass for every kind: V8 scans one alternation, built as a trie (keyword-pattern.ts), about
// three times faster than it scans the lists one after another. Sticky patterns then tell the
// kinds apart, trying only the kinds that have a phrase with the matched first letter.
const ANY_CUE = new RegExp(`\\b${keywordPattern(KINDS.flatMap((kind) => CUE_PHRASES[kind]))}`, "gi");
const KINDS_BY_LETTER = new Map<string, KindPattern[]>();
for (const kind of KINDS) {
  const at = new RegExp(keywordPattern(CUE_PHRASES[kind]), "iy");
  for (const letter of new Set(CUE_PHRASES[kind].map((phrase) => phrase.charAt(0).toLowerCase()))) {
    const list = KINDS_BY_LETTER.get(letter) ?? [];
    list.push([kind, at]);
    KINDS_BY_LETTER.set(letter, list);
  }
}

/** Every cue in `text`, in order; a phrase belonging to several kinds is listed once per kind. */
export function scanCues(text: string): Cue[] {
  const cues: Cue[] = [];
  ANY_CUE.lastIndex = 0;
  for (let m = ANY_CUE.exec(text); m !== null; m = ANY_CUE.exec(text)) {
    for (const [kind, at] of KINDS_BY_LETTER.get(m[0].charAt(0).toLowerCase()) ?? []) {
      at.lastIndex = m.index;
      if (at.test(text)) cues.push({ kind, start: m.index, end: at.lastIndex });
    }
  }
  return cues;
}
