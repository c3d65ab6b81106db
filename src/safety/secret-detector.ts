import { findPii } from "../redaction/find-pii.js";
import type { SafetyFinding } from "./finding.js";

const SECRET_ONLY = { types: ["SECRET"] } as const;

/** API keys, tokens, private keys and `password=` assignments, by the redaction engine's recognisers. */
export function findSecrets(text: string, found: SafetyFinding[]): void {
  for (const f of findPii(text, SECRET_ONLY)) found.push({ category: "secret", score: 0.9, start: f.start, end: f.end, rule: "secret" });
}
