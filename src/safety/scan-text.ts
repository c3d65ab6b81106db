import { detectAttacks } from "./detect-attacks.js";
import type { SafetyCategory, SafetyFinding } from "./finding.js";
import { categoryScores } from "./rule.js";

export interface ScanResult {
  readonly findings: readonly SafetyFinding[];
  /** Per category that had evidence, 0..1. */
  readonly scores: ReadonlyMap<SafetyCategory, number>;
}

/** The built-in prompt detectors over one text. */
export function scanText(text: string): ScanResult {
  const findings: SafetyFinding[] = [];
  detectAttacks(text, findings);
  return { findings, scores: categoryScores(findings) };
}
