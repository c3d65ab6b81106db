import { findPii } from "../redaction/find-pii.js";
import type { PiiType } from "../redaction/finding.js";
import type { SafetyFinding } from "./finding.js";

// Names and addresses are recognised by context and miss more often than numbers with checksums.
const WEIGHT: Readonly<Record<PiiType, number>> = { EMAIL: 0.9, PHONE: 0.8, CARD: 0.95, IBAN: 0.95, SSN: 0.95, IP: 0.6, PERSON: 0.6, ADDRESS: 0.7, DOB: 0.7, ID: 0.8, SECRET: 0 };
const PII_ONLY = { types: ["EMAIL", "PHONE", "CARD", "IBAN", "SSN", "IP", "PERSON", "ADDRESS", "DOB", "ID"] as const };

/** Personal data, by the redaction engine (docs/redaction.md); secrets are their own category. */
export function findPersonalData(text: string, found: SafetyFinding[]): void {
  for (const f of findPii(text, PII_ONLY)) found.push({ category: "pii", score: WEIGHT[f.type], start: f.start, end: f.end, rule: f.type.toLowerCase() });
}
