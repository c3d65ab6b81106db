import type { SafetyCategory, SafetyFinding } from "./finding.js";

/** One pattern of evidence: alone it scores `weight`; rules of a category add up (noisy-or). */
export interface Rule {
  readonly name: string;
  readonly category: SafetyCategory;
  readonly weight: number;
  /** Matched against lower-cased, normalised text; no `g` flag (one match is enough). */
  readonly pattern: RegExp;
  /**
   * Substrings of which any match must contain one: a rule whose cues are all absent is skipped
   * without running its pattern (`includes` is far cheaper than a regex with leading alternatives).
   */
  readonly cues?: readonly string[];
}

/**
 * Adds a finding per rule that matches `text`. `offset` maps positions back to the scanned text
 * when the view is the text itself; views that changed length (decoded, de-obfuscated) pass
 * `whole` and their findings span the whole input.
 */
export function applyRules(rules: readonly Rule[], text: string, found: SafetyFinding[], whole: readonly [number, number] | undefined, prefix = ""): void {
  for (const rule of rules) {
    if (rule.cues !== undefined && !hasCue(text, rule.cues)) continue;
    const m = rule.pattern.exec(text);
    if (m === null) continue;
    // A phrase in quotes is talked about, not said: "explain 'ignore previous instructions' attacks".
    const weight = quoted(text, m.index, m.index + m[0].length) ? rule.weight * 0.4 : rule.weight;
    const start = whole ? whole[0] : m.index;
    const end = whole ? whole[1] : m.index + m[0].length;
    found.push({ category: rule.category, score: weight, start, end, rule: prefix + rule.name });
  }
}

/** Per category, noisy-or of the strongest finding of each rule: independent evidence adds up, one rule counts once. */
export function categoryScores(found: readonly SafetyFinding[]): Map<SafetyCategory, number> {
  const best = new Map<string, SafetyFinding>();
  for (const f of found) {
    const key = `${f.category}:${f.rule.slice(f.rule.lastIndexOf(":") + 1)}`;
    const seen = best.get(key);
    if (seen === undefined || seen.score < f.score) best.set(key, f);
  }
  const miss = new Map<SafetyCategory, number>();
  for (const f of best.values()) miss.set(f.category, (miss.get(f.category) ?? 1) * (1 - f.score));
  const scores = new Map<SafetyCategory, number>();
  for (const [category, m] of miss) scores.set(category, Math.round((1 - m) * 1000) / 1000);
  return scores;
}

const OPEN = "'\"‘“«「『";
const CLOSE = "'\"’”»」』";

function quoted(text: string, start: number, end: number): boolean {
  let i = start - 1;
  while (i >= 0 && text[i] === " ") i--;
  if (i < 0 || !OPEN.includes(text[i] as string)) return false;
  // Opened right before the match: quoted when it closes soon after, on the same line.
  for (let j = end; j < text.length && j < end + 120; j++) {
    const c = text[j] as string;
    if (c === "\n") return false;
    if (CLOSE.includes(c)) return true;
  }
  return false;
}

function hasCue(text: string, cues: readonly string[]): boolean {
  for (const cue of cues) if (text.includes(cue)) return true;
  return false;
}
