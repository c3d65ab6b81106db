import { detectAttacks } from "./detect-attacks.js";
import type { SafetyCategory, SafetyFinding } from "./finding.js";
import type { SafetyAction, SideRules } from "./level.js";
import { findOutputExfiltration } from "./output-exfiltration.js";
import { findPersonalData } from "./pii-detector.js";
import { categoryScores } from "./rule.js";
import { findSecrets } from "./secret-detector.js";

export type Side = "input" | "output";

export interface ScanResult {
  readonly findings: readonly SafetyFinding[];
  /** Per category that had evidence, 0..1. */
  readonly scores: ReadonlyMap<SafetyCategory, number>;
}

export interface Verdict {
  /** Categories at or over their threshold, by action. */
  readonly block: readonly SafetyCategory[];
  readonly flag: readonly SafetyCategory[];
  readonly redact: readonly SafetyCategory[];
  /** The highest score among triggered categories (0 when none). */
  readonly score: number;
  readonly findings: readonly SafetyFinding[];
}

const ATTACKS: readonly SafetyCategory[] = ["jailbreak", "prompt_injection", "obfuscation", "exfiltration"];

/** Runs the detectors a side's rules ask for over one text: no rule for a category, no work for it. */
export function scanText(text: string, rules: SideRules, side: Side): ScanResult {
  const findings: SafetyFinding[] = [];
  if (side === "input" && ATTACKS.some((c) => rules[c] !== undefined)) detectAttacks(text, findings);
  if (side === "output" && rules.exfiltration !== undefined) findOutputExfiltration(text, findings);
  if (rules.secret !== undefined) findSecrets(text, findings);
  if (rules.pii !== undefined) findPersonalData(text, findings);
  return { findings, scores: categoryScores(findings) };
}

/** What the level does about a scan: the categories over threshold grouped by action. */
export function judge(scan: ScanResult, rules: SideRules): Verdict {
  const by: Record<SafetyAction, SafetyCategory[]> = { block: [], flag: [], redact: [] };
  let score = 0;
  for (const [category, value] of scan.scores) {
    const rule = rules[category];
    if (rule === undefined || value < rule.threshold) continue;
    by[rule.action].push(category);
    score = Math.max(score, value);
  }
  return { block: by.block, flag: by.flag, redact: by.redact, score, findings: scan.findings };
}
