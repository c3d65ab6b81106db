import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";
import type { TextScan } from "../text-scan.js";

// AWS secret access keys are 40 base64 characters with no prefix, so they need context: an
// "aws"/"secret" word or an access key id shortly before.
const CANDIDATE = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const CONTEXT = /aws|secret|AKIA|ASIA/i;
const CONTEXT_CHARS = 200;

/** Mixed case and a digit: rules out git SHAs and other hex, which are lower-case only. */
function looksRandom(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
}

export const awsSecretKey: Recognizer = {
  type: "SECRET",
  find(text, out: Finding[], scan: TextScan) {
    // Most texts mention neither AWS nor a secret: the shared cue scan settles that for free.
    if (!scan.hasCue("aws")) return;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!looksRandom(m[0])) continue;
      if (CONTEXT.test(text.slice(Math.max(0, m.index - CONTEXT_CHARS), m.index))) {
        out.push({ type: "SECRET", start: m.index, end: m.index + 40 });
      }
    }
  },
};
