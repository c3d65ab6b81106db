import type { SafetyFinding } from "./finding.js";

// Lone brackets and bangs as words: the token salad optimised suffixes (GCG) leave behind.
const LONE_PUNCT = /(?:^|\s)[[\]!{}()`|^]{1,2}(?=\s|$)/g;
// "(g)loomy day" lines: a request spelt out one bracketed letter per line (DRA-style puzzles).
const LETTER_IN_PARENS = /^[^\n()]{0,20}\([a-z -]\)[^\n()]{0,20}$/gim;

/** Evidence that text was made for a model's tokenizer rather than for a reader. */
export function findAdversarialText(text: string, found: SafetyFinding[]): void {
  const lone = text.match(LONE_PUNCT)?.length ?? 0;
  if (lone >= 5) found.push({ category: "obfuscation", score: lone >= 9 ? 0.55 : 0.4, start: 0, end: text.length, rule: "adversarial-suffix" });
  if (text.length > 80) {
    const puzzle = text.match(LETTER_IN_PARENS)?.length ?? 0;
    if (puzzle >= 8) found.push({ category: "obfuscation", score: 0.7, start: 0, end: text.length, rule: "letter-puzzle" });
  }
}
