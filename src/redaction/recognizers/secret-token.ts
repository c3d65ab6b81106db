import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

// Vendor tokens with fixed prefixes: OpenAI/Anthropic (sk-, sk-proj-, sk-ant-), Stripe, GitHub,
// Slack, Google, AWS access key ids, GitLab, Hugging Face, npm. Prefixes make these precise.
const TOKEN =
  /(?<![\w-])(?:sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}|[spr]k_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[A-Z0-9]{16}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36})(?![\w-])/g;
// JSON Web Tokens: base64url header and payload both start with '{"' → "eyJ".
const JWT = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?![\w-])/g;
// Cheap gate: every token above contains one of these.
const PREFIXES = ["sk-", "k_live_", "k_test_", "gh", "xox", "AIza", "AKIA", "ASIA", "glpat-", "hf_", "npm_"];

function collect(text: string, pattern: RegExp, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push({ type: "SECRET", start: m.index, end: m.index + m[0].length });
  }
}

export const secretToken: Recognizer = {
  type: "SECRET",
  find(text, out: Finding[]) {
    if (PREFIXES.some((prefix) => text.includes(prefix))) collect(text, TOKEN, out);
    if (text.includes("eyJ")) collect(text, JWT, out);
  },
};
