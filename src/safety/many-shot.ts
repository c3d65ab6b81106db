import type { SafetyFinding } from "./finding.js";

// A turn label at the start of a line: "User:", "Human:", "Q:", "AI:", "Assistant:", "A:".
const TURN = /(?:^|\n)[ \t]*(?:\*\*)?(?:user|human|q|question|me|ai|assistant|a|answer|bot|model|gpt)(?:\*\*)?[ \t]*:/gi;
const COMPLIANT = /(?:^|\n)[ \t]*(?:\*\*)?(?:ai|assistant|a|answer|bot|model|gpt)(?:\*\*)?[ \t]*:[ \t]*(?:sure|of course|absolutely|certainly|happy to|here(?:'s| is| are)|no problem|step 1|first,|okay|ok)/gi;

/**
 * A many-shot attack is a long fake dialogue in which the assistant already complied with many
 * requests: scored by how many turns there are and how many of the answers start by complying.
 */
export function findManyShot(text: string, found: SafetyFinding[]): void {
  if (text.length < 400) return;
  const turns = text.match(TURN)?.length ?? 0;
  if (turns < 10) return;
  const compliant = text.match(COMPLIANT)?.length ?? 0;
  if (compliant < 4) return;
  const score = Math.min(0.95, 0.45 + compliant * 0.06);
  found.push({ category: "jailbreak", score, start: 0, end: text.length, rule: "many-shot" });
}
