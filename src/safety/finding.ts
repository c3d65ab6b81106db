/** What the safety detectors report: a category, how sure, and where (UTF-16 offsets in the scanned text). */
export type SafetyCategory = "jailbreak" | "prompt_injection" | "exfiltration" | "obfuscation" | "pii" | "secret";

export const SAFETY_CATEGORIES: readonly SafetyCategory[] = ["jailbreak", "prompt_injection", "exfiltration", "obfuscation", "pii", "secret"];

export interface SafetyFinding {
  readonly category: SafetyCategory;
  /** 0..1: how strongly this evidence alone points at the category. */
  readonly score: number;
  readonly start: number;
  readonly end: number;
  /** The rule that fired, for audit and tuning; never the matched text. */
  readonly rule: string;
}

export function isSafetyCategory(value: unknown): value is SafetyCategory {
  return typeof value === "string" && (SAFETY_CATEGORIES as readonly string[]).includes(value);
}
