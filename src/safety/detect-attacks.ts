import { decodedViews } from "./encoded-payload.js";
import type { SafetyFinding } from "./finding.js";
import { INJECTION_RULES } from "./injection-rules.js";
import { JAILBREAK_RULES } from "./jailbreak-rules.js";
import { findAdversarialText } from "./adversarial-text.js";
import { findManyShot } from "./many-shot.js";
import { MULTILINGUAL_RULES } from "./multilingual-rules.js";
import { normalizeText } from "./normalize-text.js";
import { applyRules, type Rule } from "./rule.js";

const ALL_RULES: readonly Rule[] = [...JAILBREAK_RULES, ...INJECTION_RULES, ...MULTILINGUAL_RULES];
// Asking to decode something and act on it is an attack whatever the decoded text says.
const DECODE_AND_ACT = /\b(?:decode|decipher|decrypt|translate|convert|read|interpret|unscramble|reverse)\b[^\n]{0,80}\b(?:and|then|,)\s(?:\w+ ){0,2}(?:follow|execute|do|obey|comply|carry (?:it |them )?out|respond|answer|act on|perform|run|apply)\b|\b(?:follow|execute|obey|carry out|comply with|respond to|answer)\b[^\n]{0,40}\b(?:encoded|decoded|base64|hex|rot-?13|cipher|morse|reversed?)\b/;

/**
 * Jailbreak, prompt-injection, exfiltration and obfuscation evidence in one text: the rules run
 * over the normalised text, then over each other reading of it (l33t and spacing undone, Unicode
 * tag text, decoded payloads), since an attack hidden from the rules is not hidden from a model.
 */
export function detectAttacks(input: string, found: SafetyFinding[]): void {
  const n = normalizeText(input);
  const whole: readonly [number, number] = [0, input.length];
  const sameLength = n.text.length === input.length;
  applyRules(ALL_RULES, n.text, found, sameLength ? undefined : whole);
  findManyShot(n.text, found);
  findAdversarialText(input, found);
  if (n.deobfuscated !== undefined) {
    const plain = new Set(found.map((f) => f.rule));
    const before = found.length;
    applyRules(ALL_RULES, n.deobfuscated, found, whole, "leet:");
    const leetWords = n.text.match(/\b[a-z]*[a-z][0-9][a-z0-9]*\b|\b[0-9][a-z]+[0-9][a-z0-9]*\b/g)?.length ?? 0;
    if (leetWords >= 4 && leetWords * 12 >= n.text.split(" ").length) found.push({ category: "obfuscation", score: 0.4, start: 0, end: input.length, rule: "heavy-leetspeak" });
    if (found.slice(before).some((f) => !plain.has(f.rule.slice(5)))) found.push({ category: "obfuscation", score: 0.5, start: 0, end: input.length, rule: "leetspeak-or-spacing" });
  }
  if (n.tagText.length >= 4) {
    found.push({ category: "obfuscation", score: n.tagText.length >= 12 ? 0.9 : 0.6, start: 0, end: input.length, rule: "unicode-tags" });
    applyRules(ALL_RULES, n.tagText, found, whole, "tags:");
  }
  if (n.invisible >= 3) found.push({ category: "obfuscation", score: n.invisible >= 8 ? 0.7 : 0.5, start: 0, end: input.length, rule: "invisible-characters" });
  if (n.homoglyphs >= 3) found.push({ category: "obfuscation", score: n.homoglyphs >= 8 ? 0.7 : 0.5, start: 0, end: input.length, rule: "homoglyphs" });
  const decodeAct = DECODE_AND_ACT.exec(n.text);
  const seenRules = new Set(found.map((f) => f.rule));
  for (const view of decodedViews(input, n.text)) {
    const before = found.length;
    applyRules(ALL_RULES, view.text, found, whole, `${view.encoding}:`);
    const prefix = view.encoding.length + 1;
    const hidden = found.slice(before).some((f) => !seenRules.has(f.rule.slice(prefix))) || decodeAct !== null;
    // A prompt that is mostly an encoded sentence asks for something it does not want read.
    const score = hidden ? 0.6 : view.share >= 0.8 && view.encoding !== "joined" && view.encoding !== "reversed" ? 0.5 : 0;
    if (score > 0) found.push({ category: "obfuscation", score, start: 0, end: input.length, rule: `encoded-${view.encoding}` });
  }
  if (decodeAct) found.push({ category: "obfuscation", score: 0.45, start: decodeAct.index, end: decodeAct.index + decodeAct[0].length, rule: "decode-and-act" });
}
