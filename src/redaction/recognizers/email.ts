import { isAsciiLetterCode, isDigitCode, isWordCode } from "../char-class.js";
import type { Finding } from "../finding.js";
import type { Recognizer } from "../recognizer.js";

// RFC 5321 limits; they also bound the scan around each "@" so the cost stays linear.
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

function isLocalCode(code: number): boolean {
  // . _ % + - and letters/digits in any script (internationalised mailboxes).
  return code === 46 || code === 95 || code === 37 || code === 43 || code === 45 || isWordCode(code);
}

function isDomainCode(code: number): boolean {
  return code === 46 || code === 45 || (code !== 95 && isWordCode(code));
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split(".");
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63 || label.startsWith("-") || label.endsWith("-")) return false;
  }
  const tld = labels[labels.length - 1] ?? "";
  if (tld.length < 2) return false;
  for (let i = 0; i < tld.length; i++) {
    const code = tld.charCodeAt(i);
    if (isDigitCode(code)) return false;
    if (code < 128 && !isAsciiLetterCode(code)) return false;
  }
  return true;
}

/** Scans outwards from each "@" instead of running a regex, which would backtrack on long words. */
export const email: Recognizer = {
  type: "EMAIL",
  find(text, out: Finding[]) {
    let at = text.indexOf("@");
    while (at !== -1) {
      let start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocalCode(text.charCodeAt(start - 1))) start--;
      while (start < at && text.charCodeAt(start) === 46) start++;
      let end = at + 1;
      while (end < text.length && end - at <= MAX_DOMAIN && isDomainCode(text.charCodeAt(end))) end++;
      // A sentence may end right after the address: "mail me at a@b.com."
      while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
      if (start < at && text.charCodeAt(at - 1) !== 46 && isValidDomain(text.slice(at + 1, end))) {
        out.push({ type: "EMAIL", start, end });
        at = text.indexOf("@", end);
      } else {
        at = text.indexOf("@", at + 1);
      }
    }
  },
};
