import type { SafetyCategory, SafetyFinding } from "./finding.js";

/** `text` with the findings of the redacted categories replaced by typed placeholders (`<SECRET>`, `<EMAIL>`). */
export function redactFindings(text: string, findings: readonly SafetyFinding[], categories: readonly SafetyCategory[]): string {
  const spans = findings.filter((f) => categories.includes(f.category) && f.end > f.start).sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    out += text.slice(at, f.start) + `<${(f.category === "secret" ? "secret" : f.rule).toUpperCase()}>`;
    at = f.end;
  }
  return out + text.slice(at);
}
