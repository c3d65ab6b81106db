import { isWordAt } from "../char-class.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

// Vendor tokens with fixed prefixes: OpenAI/Anthropic (sk-, sk-proj-, sk-ant-), Stripe, GitHub,
// Slack, Google, AWS access key ids, GitLab, Hugging Face, npm, and Atrium's own subscription keys
// (`atr_<id>_<secret>`, store/keys/api-key-format.ts). Prefixes make these precise.
// Boundaries are checked in code: a look-behind in front would stop V8 from skipping ahead.
const TOKEN =
  /(?:sk-(?:proj-|svcacct-|admin-|ant-)?[A-Za-z0-9_-]{20,}|[spr]k_(?:live|test)_[A-Za-z0-9]{16,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[A-Z0-9]{16}|glpat-[A-Za-z0-9_-]{20,}|hf_[A-Za-z0-9]{30,}|npm_[A-Za-z0-9]{36}|atr_[A-Za-z0-9]{8,}_[A-Za-z0-9]{16,})/g;
// JSON Web Tokens: base64url header and payload both start with '{"' → "eyJ".
const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

function continuesToken(text: string, index: number): boolean {
  return isWordAt(text, index) || text[index] === "-";
}

function collect(text: string, pattern: RegExp, out: Finding[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const end = m.index + m[0].length;
    if (!continuesToken(text, m.index - 1) && !continuesToken(text, end)) out.push({ type: "SECRET", start: m.index, end });
  }
}

export const secretToken: Recognizer = {
  type: "SECRET",
  find(text, out: Finding[]) {
    collect(text, TOKEN, out);
    if (text.includes("eyJ")) collect(text, JWT, out);
  },
};
